/**
 * Ops to PostgreSQL statements. Pure: what it needs to know about the database comes from
 * `context.before`, and what earlier ops in the same list changed is tracked as it goes.
 */
import type {
  AddEnumValueOp,
  BulkInsertOp,
  CreateEnumOp,
  DropConstraintOp,
  DropTableOp,
  Op,
  TableOp,
} from '../../operations/ops.js';
import type { ColumnType, TableSnapshot } from '../../snapshot/types.js';
import type { CompileContext, Statement } from '../dialect.js';
import { CompileState, enumTypesOf } from './postgres-compile-state.js';
import {
  checkClause,
  columnDefinition,
  commentOnColumn,
  commentOnTable,
  createIndexStatement,
  createTableStatements,
  foreignKeyClause,
  primaryKeyClause,
  statement,
  uniqueClause,
} from './postgres-ddl-table.js';
import { retypeColumnStatements } from './postgres-ddl-retype.js';
import { qualifiedName, quoteIdentifier, quoteString } from './postgres-quote.js';

/** The wire protocol counts bind parameters in an Int16: at most 65535 per statement. */
const MAX_PARAMS = 65535;

function createEnumStatement(schema: string | null, name: string, values: readonly string[]): Statement {
  return statement(`CREATE TYPE ${qualifiedName(schema, name)} AS ENUM (${values.map(quoteString).join(', ')})`);
}

/**
 * CREATE TYPE for each enum a new column uses that does not exist yet, in the default schema
 * whatever the table's (as SQLAlchemy's `create_all` makes an `Enum`).
 */
function ensureEnums(state: CompileState, types: readonly ColumnType[]): Statement[] {
  const out: Statement[] = [];
  for (const type of types.flatMap(enumTypesOf)) {
    if (state.enumExists(null, type.enumName)) continue;
    state.createdForColumn(null, type.enumName);
    out.push(createEnumStatement(null, type.enumName, type.values));
  }
  return out;
}

function compileCreateTable(state: CompileState, table: TableSnapshot): Statement[] {
  const enums = ensureEnums(state, table.columns.map((c) => c.type));
  state.createTable(table);
  return [...enums, ...createTableStatements(table)];
}

/**
 * DROP TABLE, then DROP TYPE for the enums only this table used. When `before` did not
 * know the table (offline SQL from a partial picture), the type may or may not exist.
 */
function compileDropTable(state: CompileState, op: DropTableOp): Statement[] {
  const known = state.columns(op.schema, op.table);
  const types = known !== undefined ? [...known.values()] : (op.existing?.columns.map((c) => c.type) ?? []);
  state.dropTable(op.schema, op.table);
  const out = [statement(`DROP TABLE ${qualifiedName(op.schema, op.table)}`)];
  const names = new Set(types.flatMap(enumTypesOf).map((t) => t.enumName));
  for (const name of names) {
    if (state.enumInUse(name)) continue;
    if (known !== undefined && !state.enumExists(null, name)) continue;
    state.droppedWithTable(null, name);
    out.push(statement(`DROP TYPE ${known === undefined ? 'IF EXISTS ' : ''}${quoteIdentifier(name)}`));
  }
  return out;
}

function dropConstraintStatement(op: DropConstraintOp): Statement {
  return statement(`ALTER TABLE ${qualifiedName(op.schema, op.table)} DROP CONSTRAINT ${quoteIdentifier(op.name)}`);
}

function addConstraint(schema: string | null, table: string, clause: string): Statement {
  return statement(`ALTER TABLE ${qualifiedName(schema, table)} ADD ${clause}`);
}

function compileTableOp(state: CompileState, op: TableOp): Statement[] {
  const table = qualifiedName(op.schema, op.table);
  switch (op.kind) {
    case 'addColumn': {
      const enums = ensureEnums(state, [op.column.type]);
      state.setColumn(op.schema, op.table, op.column.name, op.column.type);
      const add = statement(`ALTER TABLE ${table} ADD COLUMN ${columnDefinition(op.column)}`);
      const comment = op.column.comment === null ? [] : [commentOnColumn(op.schema, op.table, op.column.name, op.column.comment)];
      return [...enums, add, ...comment];
    }
    case 'dropColumn':
      state.dropColumn(op.schema, op.table, op.column);
      return [statement(`ALTER TABLE ${table} DROP COLUMN ${quoteIdentifier(op.column)}`)];
    case 'renameColumn':
      state.renameColumn(op.schema, op.table, op.column, op.newName);
      return [statement(`ALTER TABLE ${table} RENAME COLUMN ${quoteIdentifier(op.column)} TO ${quoteIdentifier(op.newName)}`)];
    case 'alterColumn': {
      const type = op.changes.type;
      const enums = type === undefined ? [] : ensureEnums(state, [type]);
      const dependents = state.dependentsOf(op.schema, op.table, op.column);
      if (type !== undefined) state.setColumn(op.schema, op.table, op.column, type);
      if (op.changes.newName !== undefined) state.renameColumn(op.schema, op.table, op.column, op.changes.newName);
      return [...enums, ...retypeColumnStatements(op, dependents)];
    }
    case 'createIndex':
      state.addIndex(op.schema, op.table, op.index);
      return [createIndexStatement(op.schema, op.table, op.index, op.concurrently)];
    case 'dropIndex':
      state.dropIndex(op.schema, op.table, op.name);
      return [statement(`DROP INDEX ${op.concurrently ? 'CONCURRENTLY ' : ''}${qualifiedName(op.schema, op.name)}`, !op.concurrently)];
    case 'createUniqueConstraint':
      return [addConstraint(op.schema, op.table, uniqueClause(op.constraint))];
    case 'createForeignKey':
      return [addConstraint(op.schema, op.table, foreignKeyClause(op.constraint))];
    case 'createCheckConstraint':
      state.addCheck(op.schema, op.table, op.constraint);
      return [addConstraint(op.schema, op.table, checkClause(op.constraint))];
    case 'createPrimaryKey':
      return [addConstraint(op.schema, op.table, primaryKeyClause(op.constraint))];
    case 'dropConstraint':
      state.dropConstraint(op.schema, op.table, op.name);
      return [dropConstraintStatement(op)];
    case 'setTableComment':
      return [commentOnTable(op.schema, op.table, op.comment)];
  }
}

const isJson = (type: ColumnType | undefined): boolean => type?.name === 'json' || type?.name === 'jsonb';

/**
 * A row value as its column takes it. pg sends a JS array as a PostgreSQL array literal
 * (`{1,2}`), which a json column refuses: there it goes as JSON text, as SQLAlchemy's JSON
 * type sends a list. A string stays as written (JSON text, as pg users pass it). The table's
 * types are read only when a row holds an array.
 */
function bulkValueConverter(state: CompileState, op: BulkInsertOp): (column: string, value: unknown) => unknown {
  let types: ReadonlyMap<string, ColumnType> | undefined;
  let read = false;
  return (column, value) => {
    if (!Array.isArray(value)) return value;
    if (!read) [types, read] = [state.columns(op.schema, op.table), true];
    return isJson(types?.get(column)) ? JSON.stringify(value) : value;
  };
}

/** Multi-row INSERTs with bound parameters; a key missing from a row takes the column DEFAULT. */
function bulkInsertStatements(state: CompileState, op: BulkInsertOp): Statement[] {
  const columns = [...new Set(op.rows.flatMap((row) => Object.keys(row)))];
  if (columns.length === 0) return [];
  const convert = bulkValueConverter(state, op);
  const rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO ${qualifiedName(op.schema, op.table)} (${columns.map(quoteIdentifier).join(', ')}) VALUES `;
  const out: Statement[] = [];
  for (let start = 0; start < op.rows.length; start += rowsPerStatement) {
    const params: unknown[] = [];
    const tuples = op.rows.slice(start, start + rowsPerStatement).map((row) => {
      const values = columns.map((c) => {
        if (row[c] === undefined) return 'DEFAULT';
        params.push(convert(c, row[c]));
        return `$${params.length}`;
      });
      return `(${values.join(', ')})`;
    });
    out.push({ sql: head + tuples.join(', '), params, transactional: true });
  }
  return out;
}

/** The server defaults `op` sets, as snapshot text. */
function defaultsSet(op: Op): string[] {
  const given = (value: string | null | undefined): string[] => (typeof value === 'string' ? [value] : []);
  switch (op.kind) {
    case 'createTable':
      return op.table.columns.flatMap((c) => given(c.default));
    case 'addColumn':
      return given(op.column.default);
    case 'alterColumn':
      return given(op.changes.default);
    case 'batchAlterTable':
      return op.ops.flatMap(defaultsSet);
    default:
      return [];
  }
}

/**
 * PostgreSQL 12+ runs ADD VALUE inside a transaction block, but the new value cannot be used
 * before that transaction commits ("unsafe use of new value"). When a later op makes it a
 * column default, ADD VALUE cannot be in the transaction: the revision then runs outside one,
 * as for CREATE INDEX CONCURRENTLY. Servers older than 12 are not supported.
 */
function addEnumValueStatement(op: AddEnumValueOp, later: readonly Op[]): Statement {
  const position = op.before !== null ? ` BEFORE ${quoteString(op.before)}` : op.after !== null ? ` AFTER ${quoteString(op.after)}` : '';
  const value = `${quoteString(op.value)}::${quoteIdentifier(op.name)}`;
  const usedLater = later.some((next) => defaultsSet(next).includes(value));
  return statement(`ALTER TYPE ${qualifiedName(op.schema, op.name)} ADD VALUE ${quoteString(op.value)}${position}`, !usedLater);
}

function compileCreateEnum(state: CompileState, op: CreateEnumOp): Statement[] {
  return state.createEnum(op.schema, op.name) ? [createEnumStatement(op.schema, op.name, op.values)] : [];
}

/** `later`: the ops after this one in the list. */
function compileOp(state: CompileState, op: Op, later: readonly Op[]): Statement[] {
  switch (op.kind) {
    case 'createTable':
      return compileCreateTable(state, op.table);
    case 'dropTable':
      return compileDropTable(state, op);
    case 'renameTable':
      state.renameTable(op.schema, op.table, op.newName);
      return [statement(`ALTER TABLE ${qualifiedName(op.schema, op.table)} RENAME TO ${quoteIdentifier(op.newName)}`)];
    case 'execute':
      return [{ sql: op.sql, params: op.params, transactional: true }];
    case 'bulkInsert':
      return bulkInsertStatements(state, op);
    case 'batchAlterTable':
      return op.ops.flatMap((inner) => compileTableOp(state, inner));
    case 'createEnum':
      return compileCreateEnum(state, op);
    case 'dropEnum':
      return state.dropEnum(op.schema, op.name) ? [statement(`DROP TYPE ${qualifiedName(op.schema, op.name)}`)] : [];
    case 'addEnumValue':
      return [addEnumValueStatement(op, later)];
    case 'renameEnumValue':
      return [
        statement(`ALTER TYPE ${qualifiedName(op.schema, op.name)} RENAME VALUE ${quoteString(op.from)} TO ${quoteString(op.to)}`),
      ];
    default:
      return compileTableOp(state, op);
  }
}

export function compile(ops: readonly Op[], context: CompileContext): Statement[] {
  const state = new CompileState(() => context.before);
  return ops.flatMap((op, i) => compileOp(state, op, ops.slice(i + 1)));
}
