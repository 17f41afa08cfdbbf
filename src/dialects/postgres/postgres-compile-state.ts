/**
 * What compile tracks while it walks an op list: which enum types exist and which columns
 * use them, and each table's named CHECKs and indexes. A table with an enum column creates
 * its type when the type does not exist yet, and dropping the last table that uses a type
 * drops the type, as SQLAlchemy's `metadata.create_all`/`drop_all` do. The CHECKs and
 * indexes are what a column type change re-creates (see postgres-ddl-retype.ts).
 */
import type { CheckSnapshot, ColumnType, IndexSnapshot, SchemaSnapshot, TableSnapshot } from '../../snapshot/types.js';
import { referencesIdentifier, renameIdentifier } from '../common/expression-identifiers.js';
import { quoteIdentifier } from './postgres-quote.js';

const key = (schema: string | null, name: string): string => `${schema ?? ''}\u0000${name}`;

/** The enum types a column type refers to (arrays of enums included). */
export function enumTypesOf(type: ColumnType): Extract<ColumnType, { name: 'enum' }>[] {
  if (type.name === 'enum') return [type];
  if (type.name === 'array') return enumTypesOf(type.of);
  return [];
}

/** A CHECK with a name: one without cannot be dropped by name, so it is not tracked. */
export type NamedCheck = CheckSnapshot & { readonly name: string };

/** The CHECKs and indexes of a table whose expression text mentions a column. */
export interface ColumnDependents {
  readonly checks: readonly NamedCheck[];
  readonly indexes: readonly IndexSnapshot[];
}

interface TableState {
  /** Column name -> type. */
  readonly columns: Map<string, ColumnType>;
  checks: NamedCheck[];
  indexes: IndexSnapshot[];
}

const isNamed = (check: CheckSnapshot): check is NamedCheck => check.name !== null;

function indexMentions(index: IndexSnapshot, column: string): boolean {
  const inElements = index.elements.some((e) => 'expression' in e && referencesIdentifier(e.expression, column));
  return inElements || (index.where !== null && referencesIdentifier(index.where, column));
}

const rename = (sql: string, from: string, to: string): string => renameIdentifier(sql, from, to, quoteIdentifier);

export function renameColumnInCheck(check: NamedCheck, from: string, to: string): NamedCheck {
  return { ...check, sql: rename(check.sql, from, to) };
}

export function renameColumnInIndex(index: IndexSnapshot, from: string, to: string): IndexSnapshot {
  return {
    ...index,
    elements: index.elements.map((e) =>
      'column' in e ? (e.column === from ? { ...e, column: to } : e) : { expression: rename(e.expression, from, to) },
    ),
    where: index.where === null ? null : rename(index.where, from, to),
  };
}

function tableState(table: TableSnapshot): TableState {
  return {
    columns: new Map(table.columns.map((c) => [c.name, c.type])),
    checks: table.checkConstraints.filter(isNamed),
    indexes: [...table.indexes],
  };
}

export class CompileState {
  private readonly enums = new Set<string>();
  private readonly tables = new Map<string, TableState>();
  private readonly createdHere = new Set<string>();
  private readonly droppedHere = new Set<string>();

  constructor(before: SchemaSnapshot) {
    for (const e of before.enums) this.enums.add(key(e.schema, e.name));
    for (const t of before.tables) this.tables.set(key(t.schema, t.name), tableState(t));
  }

  hasTable(schema: string | null, table: string): boolean {
    return this.tables.has(key(schema, table));
  }

  enumExists(schema: string | null, name: string): boolean {
    return this.enums.has(key(schema, name));
  }

  /** Records a type created because a column needed it; an explicit createEnum later is then a no-op. */
  createdForColumn(schema: string | null, name: string): void {
    this.enums.add(key(schema, name));
    this.createdHere.add(key(schema, name));
    // Made again after it went with a table: an explicit dropEnum now has a type to drop.
    this.droppedHere.delete(key(schema, name));
  }

  /** True when an explicit createEnum must emit DDL (the type was not made for a column already). */
  createEnum(schema: string | null, name: string): boolean {
    const k = key(schema, name);
    this.enums.add(k);
    this.droppedHere.delete(k);
    return !this.createdHere.delete(k);
  }

  droppedWithTable(schema: string | null, name: string): void {
    this.enums.delete(key(schema, name));
    this.droppedHere.add(key(schema, name));
    this.createdHere.delete(key(schema, name));
  }

  /** True when an explicit dropEnum must emit DDL (the type did not go with its last table). */
  dropEnum(schema: string | null, name: string): boolean {
    const k = key(schema, name);
    this.enums.delete(k);
    this.createdHere.delete(k);
    return !this.droppedHere.delete(k);
  }

  /** Whether any tracked column in `schema` uses the enum type `name`. */
  enumInUse(schema: string | null, name: string): boolean {
    for (const [tableKey, table] of this.tables) {
      if (!tableKey.startsWith(`${schema ?? ''}\u0000`)) continue;
      for (const type of table.columns.values()) if (enumTypesOf(type).some((t) => t.enumName === name)) return true;
    }
    return false;
  }

  createTable(table: TableSnapshot): void {
    this.tables.set(key(table.schema, table.name), tableState(table));
  }

  dropTable(schema: string | null, table: string): void {
    this.tables.delete(key(schema, table));
  }

  renameTable(schema: string | null, from: string, to: string): void {
    const state = this.tables.get(key(schema, from));
    if (state === undefined) return;
    this.tables.delete(key(schema, from));
    this.tables.set(key(schema, to), state);
  }

  columns(schema: string | null, table: string): ReadonlyMap<string, ColumnType> | undefined {
    return this.tables.get(key(schema, table))?.columns;
  }

  setColumn(schema: string | null, table: string, column: string, type: ColumnType): void {
    const state = this.tables.get(key(schema, table));
    if (state === undefined) this.tables.set(key(schema, table), { columns: new Map([[column, type]]), checks: [], indexes: [] });
    else state.columns.set(column, type);
  }

  /** The server drops the CHECKs and indexes that use a column along with it. */
  dropColumn(schema: string | null, table: string, column: string): void {
    const state = this.tables.get(key(schema, table));
    if (state === undefined) return;
    state.columns.delete(column);
    state.checks = state.checks.filter((c) => !referencesIdentifier(c.sql, column));
    state.indexes = state.indexes.filter((ix) => !indexMentions(ix, column) && !ix.elements.some((e) => 'column' in e && e.column === column));
  }

  renameColumn(schema: string | null, table: string, from: string, to: string): void {
    const state = this.tables.get(key(schema, table));
    const type = state?.columns.get(from);
    if (state === undefined || type === undefined) return;
    state.columns.delete(from);
    state.columns.set(to, type);
    state.checks = state.checks.map((c) => renameColumnInCheck(c, from, to));
    state.indexes = state.indexes.map((ix) => renameColumnInIndex(ix, from, to));
  }

  addCheck(schema: string | null, table: string, check: CheckSnapshot): void {
    const state = this.tables.get(key(schema, table));
    if (state !== undefined && isNamed(check)) state.checks.push(check);
  }

  addIndex(schema: string | null, table: string, index: IndexSnapshot): void {
    this.tables.get(key(schema, table))?.indexes.push(index);
  }

  dropConstraint(schema: string | null, table: string, name: string): void {
    const state = this.tables.get(key(schema, table));
    if (state !== undefined) state.checks = state.checks.filter((c) => c.name !== name);
  }

  dropIndex(schema: string | null, table: string, name: string): void {
    const state = this.tables.get(key(schema, table));
    if (state !== undefined) state.indexes = state.indexes.filter((ix) => ix.name !== name);
  }

  /** The known CHECKs and index expressions or predicates of `table` that mention `column`. */
  dependentsOf(schema: string | null, table: string, column: string): ColumnDependents {
    const state = this.tables.get(key(schema, table));
    if (state === undefined) return { checks: [], indexes: [] };
    return {
      checks: state.checks.filter((c) => referencesIdentifier(c.sql, column)),
      indexes: state.indexes.filter((ix) => indexMentions(ix, column)),
    };
  }
}
