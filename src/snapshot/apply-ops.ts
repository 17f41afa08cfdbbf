/**
 * The schema after a list of ops, computed without a database: SQLite rebuilds use it to
 * know the table they are building, offline mode replays migrations with it, and tests use
 * it to state what introspection must show after the ops ran.
 *
 * Each op means what it does on a database that ALTERs natively (PostgreSQL): dropping a
 * column drops the constraints and indexes that use it; renaming a column or a table
 * follows into the constraints, indexes, expressions and foreign keys that name it.
 * Constraint and index lists stay sorted by name, as the model and the introspectors keep them.
 */
import { referencesIdentifier, renameIdentifier } from '../dialects/common/expression-identifiers.js';
import { AlembicError } from '../errors.js';
import type { AlterColumnOp, ConstraintType, DropConstraintOp, Op, RenameColumnOp, TableOp } from '../operations/ops.js';
import type {
  ColumnSnapshot,
  ColumnType,
  EnumSnapshot,
  ForeignKeySnapshot,
  IndexSnapshot,
  SchemaSnapshot,
  TableSnapshot,
} from './types.js';

export interface ApplyOptions {
  /**
   * The dialect's identifier quoting: decides how a renamed column is spelled inside CHECK
   * and index expressions. Default: bare for lowercase ASCII names, double-quoted otherwise.
   */
  readonly quoteIdentifier?: (name: string) => string;
  /**
   * Skip ops on tables the snapshot does not have (created by an `execute` op) instead of
   * throwing: offline replay cannot know them.
   */
  readonly skipUnknownTables?: boolean;
}

interface State {
  readonly tables: TableSnapshot[];
  readonly enums: EnumSnapshot[];
  readonly options: ApplyOptions;
}

const defaultQuote = (name: string): string => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.split('"').join('""')}"`);

const tableKey = (schema: string | null, name: string): string => `${schema ?? ''}\u0000${name}`;

function byKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function sortedTable(t: TableSnapshot): TableSnapshot {
  const name = (item: { readonly name: string | null }): string => item.name ?? '';
  return {
    ...t,
    foreignKeys: byKey(t.foreignKeys, name),
    uniqueConstraints: byKey(t.uniqueConstraints, name),
    checkConstraints: byKey(t.checkConstraints, name),
    indexes: byKey(t.indexes, name),
  };
}

function fail(op: { readonly kind: string }, message: string): never {
  throw new AlembicError('E_APPLY_OP', `cannot apply ${op.kind}: ${message}`);
}

function findTable(state: State, schema: string | null, name: string): number {
  return state.tables.findIndex((t) => t.schema === schema && t.name === name);
}

function requireColumn(op: TableOp, table: TableSnapshot, column: string): ColumnSnapshot {
  const found = table.columns.find((c) => c.name === column);
  return found ?? fail(op, `table "${table.name}" has no column "${column}"`);
}

/** Does `fk` point at the table `schema.name`? A null referred schema means the default one. */
function refersTo(fk: ForeignKeySnapshot, schema: string | null, name: string): boolean {
  return fk.referredTable === name && fk.referredSchema === schema;
}

function renameInList(list: readonly string[], from: string, to: string): string[] {
  return list.map((c) => (c === from ? to : c));
}

function renameColumn(state: State, tableIndex: number, op: TableOp, from: string, to: string): void {
  const table = state.tables[tableIndex]!;
  requireColumn(op, table, from);
  if (from !== to && table.columns.some((c) => c.name === to)) fail(op, `table "${table.name}" already has a column "${to}"`);
  const quote = state.options.quoteIdentifier ?? defaultQuote;
  const expr = (sql: string): string => renameIdentifier(sql, from, to, quote);
  state.tables[tableIndex] = {
    ...table,
    columns: table.columns.map((c) => (c.name === from ? { ...c, name: to } : c)),
    primaryKey: table.primaryKey && { ...table.primaryKey, columns: renameInList(table.primaryKey.columns, from, to) },
    foreignKeys: table.foreignKeys.map((fk) => ({ ...fk, columns: renameInList(fk.columns, from, to) })),
    uniqueConstraints: table.uniqueConstraints.map((u) => ({ ...u, columns: renameInList(u.columns, from, to) })),
    checkConstraints: table.checkConstraints.map((c) => ({ ...c, sql: expr(c.sql) })),
    indexes: table.indexes.map((ix) => ({
      ...ix,
      elements: ix.elements.map((e) =>
        'column' in e ? (e.column === from ? { ...e, column: to } : e) : { expression: expr(e.expression) },
      ),
      where: ix.where === null ? null : expr(ix.where),
    })),
  };
  const renamed = state.tables[tableIndex]!;
  for (let i = 0; i < state.tables.length; i++) {
    const owner = state.tables[i]!;
    state.tables[i] = {
      ...owner,
      foreignKeys: owner.foreignKeys.map((fk) =>
        refersTo(fk, renamed.schema, renamed.name) ? { ...fk, referredColumns: renameInList(fk.referredColumns, from, to) } : fk,
      ),
    };
  }
}

function usesColumn(index: IndexSnapshot, column: string): boolean {
  return (
    index.elements.some((e) => ('column' in e ? e.column === column : referencesIdentifier(e.expression, column))) ||
    (index.where !== null && referencesIdentifier(index.where, column))
  );
}

/** The column goes, and with it every constraint and index that uses it. */
function dropColumn(table: TableSnapshot, column: string): TableSnapshot {
  return {
    ...table,
    columns: table.columns.filter((c) => c.name !== column),
    primaryKey: table.primaryKey?.columns.includes(column) ? null : table.primaryKey,
    foreignKeys: table.foreignKeys.filter((fk) => !fk.columns.includes(column)),
    uniqueConstraints: table.uniqueConstraints.filter((u) => !u.columns.includes(column)),
    checkConstraints: table.checkConstraints.filter((c) => !referencesIdentifier(c.sql, column)),
    indexes: table.indexes.filter((ix) => !usesColumn(ix, column)),
  };
}

function alterColumn(state: State, tableIndex: number, op: AlterColumnOp): void {
  const table = state.tables[tableIndex]!;
  requireColumn(op, table, op.column);
  const { newName, ...changes } = op.changes;
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<ColumnSnapshot>;
  state.tables[tableIndex] = {
    ...table,
    columns: table.columns.map((c) => (c.name === op.column ? { ...c, ...defined } : c)),
  };
  if (newName !== undefined && newName !== op.column) renameColumn(state, tableIndex, op, op.column, newName);
}

function constraintMatches(type: ConstraintType, wanted: ConstraintType | null, name: string | null, op: DropConstraintOp): boolean {
  return (wanted === null || wanted === type) && name === op.name;
}

function dropConstraint(table: TableSnapshot, op: DropConstraintOp): TableSnapshot {
  const pk = table.primaryKey;
  const next: TableSnapshot = {
    ...table,
    primaryKey: pk !== null && constraintMatches('primary', op.type, pk.name, op) ? null : pk,
    foreignKeys: table.foreignKeys.filter((c) => !constraintMatches('foreignkey', op.type, c.name, op)),
    uniqueConstraints: table.uniqueConstraints.filter((c) => !constraintMatches('unique', op.type, c.name, op)),
    checkConstraints: table.checkConstraints.filter((c) => !constraintMatches('check', op.type, c.name, op)),
  };
  const removed =
    (next.primaryKey === null && pk !== null ? 1 : 0) +
    table.foreignKeys.length - next.foreignKeys.length +
    table.uniqueConstraints.length - next.uniqueConstraints.length +
    table.checkConstraints.length - next.checkConstraints.length;
  if (removed === 0) fail(op, `table "${table.name}" has no ${op.type === null ? '' : `${op.type} `}constraint named "${op.name}"`);
  return next;
}

/** Ops that change only the one table they name. */
function applyToTable(table: TableSnapshot, op: Exclude<TableOp, RenameColumnOp | AlterColumnOp>): TableSnapshot {
  switch (op.kind) {
    case 'addColumn':
      if (table.columns.some((c) => c.name === op.column.name)) fail(op, `table "${table.name}" already has a column "${op.column.name}"`);
      return { ...table, columns: [...table.columns, op.column] };
    case 'dropColumn':
      requireColumn(op, table, op.column);
      return dropColumn(table, op.column);
    case 'createIndex':
      if (table.indexes.some((ix) => ix.name === op.index.name)) fail(op, `table "${table.name}" already has an index "${op.index.name}"`);
      return { ...table, indexes: [...table.indexes, op.index] };
    case 'dropIndex':
      if (!table.indexes.some((ix) => ix.name === op.name)) fail(op, `table "${table.name}" has no index "${op.name}"`);
      return { ...table, indexes: table.indexes.filter((ix) => ix.name !== op.name) };
    case 'createUniqueConstraint':
      return { ...table, uniqueConstraints: [...table.uniqueConstraints, op.constraint] };
    case 'createForeignKey':
      return { ...table, foreignKeys: [...table.foreignKeys, op.constraint] };
    case 'createCheckConstraint':
      return { ...table, checkConstraints: [...table.checkConstraints, op.constraint] };
    case 'createPrimaryKey': {
      if (table.primaryKey !== null) fail(op, `table "${table.name}" already has a primary key`);
      for (const column of op.constraint.columns) requireColumn(op, table, column);
      const columns = table.columns.map((c) => (op.constraint.columns.includes(c.name) ? { ...c, nullable: false } : c));
      return { ...table, columns, primaryKey: op.constraint };
    }
    case 'dropConstraint':
      return dropConstraint(table, op);
    case 'setTableComment':
      return { ...table, comment: op.comment };
  }
}

function applyTableOp(state: State, op: TableOp): void {
  let index = findTable(state, op.schema, op.table);
  if (index === -1 && op.kind === 'dropIndex') {
    index = state.tables.findIndex((t) => t.schema === op.schema && t.indexes.some((ix) => ix.name === op.name));
  }
  if (index === -1) {
    if (state.options.skipUnknownTables === true) return;
    fail(op, `table "${op.table}" does not exist`);
  }
  if (op.kind === 'renameColumn') renameColumn(state, index, op, op.column, op.newName);
  else if (op.kind === 'alterColumn') alterColumn(state, index, op);
  else state.tables[index] = applyToTable(state.tables[index]!, op);
}

function mapEnumType(type: ColumnType, enumName: string, values: readonly string[]): ColumnType {
  if (type.name === 'enum' && type.enumName === enumName) return { ...type, values };
  if (type.name === 'array') return { ...type, of: mapEnumType(type.of, enumName, values) };
  return type;
}

/** New enum values reach the enum and every column typed with it, as the catalog shows them. */
function setEnumValues(state: State, schema: string | null, name: string, change: (values: readonly string[]) => string[]): void {
  const index = state.enums.findIndex((e) => e.schema === schema && e.name === name);
  const current = state.enums[index];
  const columnValues = state.tables
    .flatMap((t) => t.columns.map((c) => c.type))
    .find((t): t is Extract<ColumnType, { name: 'enum' }> => t.name === 'enum' && t.enumName === name)?.values;
  const values = change(current?.values ?? columnValues ?? []);
  if (current !== undefined) state.enums[index] = { ...current, values };
  for (let i = 0; i < state.tables.length; i++) {
    const t = state.tables[i]!;
    state.tables[i] = { ...t, columns: t.columns.map((c) => ({ ...c, type: mapEnumType(c.type, name, values) })) };
  }
}

const stringLiteral = (value: string): string => `'${value.split("'").join("''")}'`;

/**
 * A default that is a value of the enum (`'sad'::mood`) names it by its label, so it prints
 * with the new label once the value is renamed.
 */
function renameEnumDefaults(state: State, name: string, from: string, to: string): void {
  const [old, renamed] = [stringLiteral(from), stringLiteral(to)];
  const follow = (c: ColumnSnapshot): ColumnSnapshot =>
    c.type.name === 'enum' && c.type.enumName === name && c.default !== null && c.default.startsWith(`${old}::`)
      ? { ...c, default: renamed + c.default.slice(old.length) }
      : c;
  for (let i = 0; i < state.tables.length; i++) {
    const t = state.tables[i]!;
    state.tables[i] = { ...t, columns: t.columns.map(follow) };
  }
}

function insertValue(values: readonly string[], value: string, before: string | null, after: string | null): string[] {
  let position = values.length;
  if (before !== null && values.includes(before)) position = values.indexOf(before);
  else if (after !== null && values.includes(after)) position = values.indexOf(after) + 1;
  return [...values.slice(0, position), value, ...values.slice(position)];
}

function applyOne(state: State, op: Op): void {
  switch (op.kind) {
    case 'createTable':
      if (findTable(state, op.table.schema, op.table.name) !== -1) fail(op, `table "${op.table.name}" already exists`);
      state.tables.push(op.table);
      return;
    case 'dropTable': {
      const index = findTable(state, op.schema, op.table);
      if (index !== -1) state.tables.splice(index, 1);
      else if (state.options.skipUnknownTables !== true) fail(op, `table "${op.table}" does not exist`);
      return;
    }
    case 'renameTable': {
      const index = findTable(state, op.schema, op.table);
      if (index === -1) {
        if (state.options.skipUnknownTables === true) return;
        fail(op, `table "${op.table}" does not exist`);
      }
      if (findTable(state, op.schema, op.newName) !== -1) fail(op, `table "${op.newName}" already exists`);
      const old = state.tables[index]!;
      state.tables[index] = { ...old, name: op.newName };
      for (let i = 0; i < state.tables.length; i++) {
        const owner = state.tables[i]!;
        const fks = owner.foreignKeys.map((fk) => (refersTo(fk, old.schema, old.name) ? { ...fk, referredTable: op.newName } : fk));
        state.tables[i] = { ...owner, foreignKeys: fks };
      }
      return;
    }
    case 'batchAlterTable':
      for (const inner of op.ops) applyOne(state, inner);
      return;
    case 'execute':
    case 'bulkInsert':
      return;
    case 'createEnum':
      state.enums.splice(0, state.enums.length, ...state.enums.filter((e) => !(e.schema === op.schema && e.name === op.name)));
      state.enums.push({ schema: op.schema, name: op.name, values: op.values });
      return;
    case 'dropEnum':
      state.enums.splice(0, state.enums.length, ...state.enums.filter((e) => !(e.schema === op.schema && e.name === op.name)));
      return;
    case 'addEnumValue':
      setEnumValues(state, op.schema, op.name, (values) => insertValue(values, op.value, op.before, op.after));
      return;
    case 'renameEnumValue':
      setEnumValues(state, op.schema, op.name, (values) => values.map((v) => (v === op.from ? op.to : v)));
      renameEnumDefaults(state, op.name, op.from, op.to);
      return;
    default:
      applyTableOp(state, op);
  }
}

/** `snapshot` after `ops`, in order. Pure; throws an AlembicError when an op does not fit. */
export function applyOps(snapshot: SchemaSnapshot, ops: readonly Op[], options: ApplyOptions = {}): SchemaSnapshot {
  const state: State = { tables: [...snapshot.tables], enums: [...snapshot.enums], options };
  for (const op of ops) applyOne(state, op);
  const key = (item: { readonly schema: string | null; readonly name: string }): string => tableKey(item.schema, item.name);
  return {
    ...snapshot,
    tables: byKey(state.tables.map(sortedTable), key),
    enums: byKey(state.enums, key),
  };
}
