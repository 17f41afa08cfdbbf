/**
 * CREATE TABLE and CREATE INDEX text from snapshots. Constraints are written at table level
 * as SQLAlchemy does (`id INTEGER NOT NULL, ..., PRIMARY KEY (id)`: still a rowid alias),
 * except that a table whose stored text had AUTOINCREMENT keeps it on its key column.
 */
import type { ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, TableSnapshot } from '../../snapshot/types.js';
import type { Statement } from '../dialect.js';
import { renderDefault } from './sqlite-defaults.js';
import { quoteSqliteIdentifier as q } from './sqlite-identifiers.js';
import { typeToSql } from './sqlite-types.js';

export interface CreateTableOptions {
  /** Create the table under this name (a rebuild's temporary table). */
  readonly name?: string;
  /** Write AUTOINCREMENT on a single INTEGER primary key, as the stored table had it. */
  readonly autoincrementKeyword?: boolean;
  /** Table options to keep (`WITHOUT ROWID`, `STRICT`). */
  readonly tableOptions?: string;
}

export function statement(sql: string, params: readonly unknown[] = []): Statement {
  return { sql, params, transactional: true };
}

const constraintPrefix = (name: string | null): string => (name === null ? '' : `CONSTRAINT ${q(name)} `);
const columnList = (columns: readonly string[]): string => columns.map(q).join(', ');

export function columnDefinition(column: ColumnSnapshot, inlineKey = ''): string {
  const type = typeToSql(column.type);
  let sql = type === '' ? q(column.name) : `${q(column.name)} ${type}`;
  if (!column.nullable) sql += ' NOT NULL';
  if (column.default !== null) sql += ` DEFAULT ${renderDefault(column.default)}`;
  if (column.collation !== null) sql += ` COLLATE ${q(column.collation)}`;
  return sql + inlineKey;
}

function foreignKeyClause(fk: ForeignKeySnapshot): string {
  const referred = fk.referredColumns.length === 0 ? '' : ` (${columnList(fk.referredColumns)})`;
  let sql = `${constraintPrefix(fk.name)}FOREIGN KEY(${columnList(fk.columns)}) REFERENCES ${q(fk.referredTable)}${referred}`;
  if (fk.onDelete !== null) sql += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== null) sql += ` ON UPDATE ${fk.onUpdate}`;
  return sql;
}

/** The one column that can carry AUTOINCREMENT, if the table has it. */
function autoincrementColumn(table: TableSnapshot, wanted: boolean): string | null {
  const pk = table.primaryKey;
  if (!wanted || pk === null || pk.columns.length !== 1) return null;
  const column = table.columns.find((c) => c.name === pk.columns[0]);
  return column !== undefined && typeToSql(column.type).toUpperCase() === 'INTEGER' ? column.name : null;
}

export function createTableSql(table: TableSnapshot, options: CreateTableOptions = {}): string {
  const pk = table.primaryKey;
  const autoColumn = autoincrementColumn(table, options.autoincrementKeyword === true);
  const lines = table.columns.map((c) =>
    columnDefinition(c, c.name === autoColumn ? ` ${constraintPrefix(pk?.name ?? null)}PRIMARY KEY AUTOINCREMENT` : ''),
  );
  if (pk !== null && autoColumn === null) lines.push(`${constraintPrefix(pk.name)}PRIMARY KEY (${columnList(pk.columns)})`);
  for (const u of table.uniqueConstraints) lines.push(`${constraintPrefix(u.name)}UNIQUE (${columnList(u.columns)})`);
  for (const c of table.checkConstraints) lines.push(`${constraintPrefix(c.name)}CHECK (${c.sql})`);
  for (const fk of table.foreignKeys) lines.push(foreignKeyClause(fk));
  const suffix = options.tableOptions ? ` ${options.tableOptions}` : '';
  return `CREATE TABLE ${q(options.name ?? table.name)} (\n  ${lines.join(',\n  ')}\n)${suffix}`;
}

export function createIndexSql(table: string, index: IndexSnapshot): string {
  const elements = index.elements.map((e) =>
    'column' in e ? `${q(e.column)}${e.descending === true ? ' DESC' : ''}` : e.expression,
  );
  const where = index.where === null ? '' : ` WHERE ${index.where}`;
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${q(table)} (${elements.join(', ')})${where}`;
}

export function createTableStatements(table: TableSnapshot): Statement[] {
  return [statement(createTableSql(table)), ...table.indexes.map((ix) => statement(createIndexSql(table.name, ix)))];
}
