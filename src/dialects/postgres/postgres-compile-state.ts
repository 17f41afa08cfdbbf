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

/** What a type change needs to know of a column's default (see postgres-ddl-alter.ts). */
export interface ColumnDefault {
  readonly default: string | null;
  readonly autoincrement: boolean;
}

interface TableState {
  /** Column name -> type. */
  readonly columns: Map<string, ColumnType>;
  /** Column name -> its default, for the columns whose default is known. */
  readonly defaults: Map<string, ColumnDefault>;
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
    defaults: new Map(table.columns.map((c) => [c.name, { default: c.default, autoincrement: c.autoincrement }])),
    checks: table.checkConstraints.filter(isNamed),
    indexes: [...table.indexes],
  };
}

/** A change to one table's state, recorded until the table is first read. */
type TableChange = (state: TableState | undefined) => TableState | undefined;

/**
 * Reads `before` only when an answer depends on it: a long chain of revisions that create
 * tables and add or drop columns compiles without ever asking the runner for the schema,
 * which would otherwise be replayed (or introspected) before every step. A change to a table
 * not read yet is recorded and applied, in order, when the table is first read.
 */
export class CompileState {
  private before: SchemaSnapshot | null = null;
  private beforeTables: Map<string, TableSnapshot> | null = null;
  private enumSet: Set<string> | null = null;
  /** Tables read or decided here; undefined: the table does not exist (dropped, or never was). */
  private readonly tables = new Map<string, TableState | undefined>();
  private readonly pending = new Map<string, TableChange[]>();
  private readonly createdHere = new Set<string>();
  private readonly droppedHere = new Set<string>();

  /** `readBefore` may throw (the runner's context fetches the schema only when asked). */
  constructor(private readonly readBefore: () => SchemaSnapshot) {}

  private schema(): SchemaSnapshot {
    this.before ??= this.readBefore();
    return this.before;
  }

  private get enums(): Set<string> {
    this.enumSet ??= new Set(this.schema().enums.map((e) => key(e.schema, e.name)));
    return this.enumSet;
  }

  private table(k: string): TableState | undefined {
    if (this.tables.has(k)) return this.tables.get(k);
    this.beforeTables ??= new Map(this.schema().tables.map((t) => [key(t.schema, t.name), t]));
    const found = this.beforeTables.get(k);
    let state = found === undefined ? undefined : tableState(found);
    for (const change of this.pending.get(k) ?? []) state = change(state);
    this.pending.delete(k);
    this.tables.set(k, state);
    return state;
  }

  private change(k: string, change: TableChange): void {
    if (this.tables.has(k)) this.tables.set(k, change(this.tables.get(k)));
    else if (this.pending.has(k)) this.pending.get(k)!.push(change);
    else this.pending.set(k, [change]);
  }

  /** Replaces whatever `before` and earlier ops said about the table. */
  private decide(k: string, state: TableState | undefined): void {
    this.pending.delete(k);
    this.tables.set(k, state);
  }

  hasTable(schema: string | null, table: string): boolean {
    return this.table(key(schema, table)) !== undefined;
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

  /** Whether any tracked column, in any schema, uses the enum type `name` (of the default schema). */
  enumInUse(name: string): boolean {
    for (const t of this.schema().tables) this.table(key(t.schema, t.name));
    for (const k of [...this.pending.keys()]) this.table(k);
    for (const table of this.tables.values()) {
      if (table === undefined) continue;
      for (const type of table.columns.values()) if (enumTypesOf(type).some((t) => t.enumName === name)) return true;
    }
    return false;
  }

  createTable(table: TableSnapshot): void {
    this.decide(key(table.schema, table.name), tableState(table));
  }

  dropTable(schema: string | null, table: string): void {
    this.decide(key(schema, table), undefined);
  }

  renameTable(schema: string | null, from: string, to: string): void {
    const state = this.table(key(schema, from));
    if (state === undefined) return;
    this.decide(key(schema, from), undefined);
    this.decide(key(schema, to), state);
  }

  columns(schema: string | null, table: string): ReadonlyMap<string, ColumnType> | undefined {
    return this.table(key(schema, table))?.columns;
  }

  setColumn(schema: string | null, table: string, column: string, type: ColumnType): void {
    this.change(key(schema, table), (state) => {
      if (state === undefined) return { columns: new Map([[column, type]]), defaults: new Map(), checks: [], indexes: [] };
      state.columns.set(column, type);
      return state;
    });
  }

  /** The column's default and whether it autoincrements, when known. */
  columnDefault(schema: string | null, table: string, column: string): ColumnDefault | undefined {
    return this.table(key(schema, table))?.defaults.get(column);
  }

  setColumnDefault(schema: string | null, table: string, column: string, value: ColumnDefault): void {
    this.change(key(schema, table), (state) => {
      state?.defaults.set(column, value);
      return state;
    });
  }

  /** The server drops the CHECKs and indexes that use a column along with it. */
  dropColumn(schema: string | null, table: string, column: string): void {
    this.change(key(schema, table), (state) => {
      if (state === undefined) return state;
      state.columns.delete(column);
      state.defaults.delete(column);
      state.checks = state.checks.filter((c) => !referencesIdentifier(c.sql, column));
      state.indexes = state.indexes.filter((ix) => !indexMentions(ix, column) && !ix.elements.some((e) => 'column' in e && e.column === column));
      return state;
    });
  }

  renameColumn(schema: string | null, table: string, from: string, to: string): void {
    this.change(key(schema, table), (state) => {
      const type = state?.columns.get(from);
      if (state === undefined || type === undefined) return state;
      state.columns.delete(from);
      state.columns.set(to, type);
      const value = state.defaults.get(from);
      state.defaults.delete(from);
      if (value !== undefined) state.defaults.set(to, value);
      state.checks = state.checks.map((c) => renameColumnInCheck(c, from, to));
      state.indexes = state.indexes.map((ix) => renameColumnInIndex(ix, from, to));
      return state;
    });
  }

  addCheck(schema: string | null, table: string, check: CheckSnapshot): void {
    if (!isNamed(check)) return;
    this.change(key(schema, table), (state) => {
      state?.checks.push(check);
      return state;
    });
  }

  addIndex(schema: string | null, table: string, index: IndexSnapshot): void {
    this.change(key(schema, table), (state) => {
      state?.indexes.push(index);
      return state;
    });
  }

  dropConstraint(schema: string | null, table: string, name: string): void {
    this.change(key(schema, table), (state) => {
      if (state !== undefined) state.checks = state.checks.filter((c) => c.name !== name);
      return state;
    });
  }

  dropIndex(schema: string | null, table: string, name: string): void {
    this.change(key(schema, table), (state) => {
      if (state !== undefined) state.indexes = state.indexes.filter((ix) => ix.name !== name);
      return state;
    });
  }

  /** The known CHECKs and index expressions or predicates of `table` that mention `column`. */
  dependentsOf(schema: string | null, table: string, column: string): ColumnDependents {
    const state = this.table(key(schema, table));
    if (state === undefined) return { checks: [], indexes: [] };
    return {
      checks: state.checks.filter((c) => referencesIdentifier(c.sql, column)),
      indexes: state.indexes.filter((ix) => indexMentions(ix, column)),
    };
  }
}
