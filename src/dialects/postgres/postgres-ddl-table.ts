/**
 * DDL pieces for one table: column definitions, named constraints, indexes and comments,
 * laid out as SQLAlchemy's PostgreSQL compiler lays them out.
 */
import type {
  CheckSnapshot,
  ColumnSnapshot,
  ColumnType,
  ForeignKeySnapshot,
  IndexSnapshot,
  PrimaryKeySnapshot,
  TableSnapshot,
  UniqueSnapshot,
} from '../../snapshot/types.js';
import type { Statement } from '../dialect.js';
import { qualifiedName, quoteIdentifier, quoteString } from './postgres-quote.js';
import { typeToSql } from './postgres-types.js';

export function statement(sql: string, transactional = true): Statement {
  return { sql, params: [], transactional };
}

const SERIAL: Partial<Record<ColumnType['name'], string>> = {
  integer: 'SERIAL',
  bigInteger: 'BIGSERIAL',
  smallInteger: 'SMALLSERIAL',
};

/** SERIAL for an autoincrementing integer column (SQLAlchemy's rendering), else the type. */
export function columnTypeSql(column: ColumnSnapshot): string {
  const serial = column.autoincrement ? SERIAL[column.type.name] : undefined;
  return serial ?? typeToSql(column.type);
}

/** `name TYPE [COLLATE c] [DEFAULT d] [NOT NULL]`; a SERIAL column takes its default from its sequence. */
export function columnDefinition(column: ColumnSnapshot): string {
  const parts = [quoteIdentifier(column.name), columnTypeSql(column)];
  if (column.collation !== null) parts.push(`COLLATE ${quoteIdentifier(column.collation)}`);
  const serial = column.autoincrement && SERIAL[column.type.name] !== undefined;
  if (column.default !== null && !serial) parts.push(`DEFAULT ${column.default}`);
  if (!column.nullable) parts.push('NOT NULL');
  return parts.join(' ');
}

function columnList(columns: readonly string[]): string {
  return columns.map(quoteIdentifier).join(', ');
}

function named(name: string | null): string {
  return name === null ? '' : `CONSTRAINT ${quoteIdentifier(name)} `;
}

export function primaryKeyClause(pk: PrimaryKeySnapshot): string {
  return `${named(pk.name)}PRIMARY KEY (${columnList(pk.columns)})`;
}

export function uniqueClause(unique: UniqueSnapshot): string {
  return `${named(unique.name)}UNIQUE (${columnList(unique.columns)})`;
}

export function checkClause(check: CheckSnapshot): string {
  return `${named(check.name)}CHECK (${check.sql})`;
}

export function foreignKeyClause(fk: ForeignKeySnapshot): string {
  const target = qualifiedName(fk.referredSchema, fk.referredTable);
  let sql = `${named(fk.name)}FOREIGN KEY(${columnList(fk.columns)}) REFERENCES ${target} (${columnList(fk.referredColumns)})`;
  if (fk.onDelete !== null) sql += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== null) sql += ` ON UPDATE ${fk.onUpdate}`;
  return sql;
}

export function createIndexStatement(schema: string | null, table: string, index: IndexSnapshot, concurrently: boolean): Statement {
  const elements = index.elements.map((e) =>
    'column' in e ? `${quoteIdentifier(e.column)}${e.descending === true ? ' DESC' : ''}` : `(${e.expression})`,
  );
  const head = `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${quoteIdentifier(index.name)}`;
  const where = index.where === null ? '' : ` WHERE ${index.where}`;
  // CREATE INDEX CONCURRENTLY refuses to run inside a transaction block.
  return statement(`${head} ON ${qualifiedName(schema, table)} (${elements.join(', ')})${where}`, !concurrently);
}

export function commentOnTable(schema: string | null, table: string, comment: string | null): Statement {
  return statement(`COMMENT ON TABLE ${qualifiedName(schema, table)} IS ${comment === null ? 'NULL' : quoteString(comment)}`);
}

export function commentOnColumn(schema: string | null, table: string, column: string, comment: string | null): Statement {
  const target = `${qualifiedName(schema, table)}.${quoteIdentifier(column)}`;
  return statement(`COMMENT ON COLUMN ${target} IS ${comment === null ? 'NULL' : quoteString(comment)}`);
}

/** CREATE TABLE with every constraint inline, then its comments and indexes. */
export function createTableStatements(table: TableSnapshot): Statement[] {
  const lines = [
    ...table.columns.map((c) => columnDefinition(c)),
    ...(table.primaryKey === null ? [] : [primaryKeyClause(table.primaryKey)]),
    ...table.foreignKeys.map(foreignKeyClause),
    ...table.uniqueConstraints.map(uniqueClause),
    ...table.checkConstraints.map(checkClause),
  ];
  const create = statement(`CREATE TABLE ${qualifiedName(table.schema, table.name)} (\n    ${lines.join(',\n    ')}\n)`);
  return [
    create,
    ...(table.comment === null ? [] : [commentOnTable(table.schema, table.name, table.comment)]),
    ...table.columns
      .filter((c) => c.comment !== null)
      .map((c) => commentOnColumn(table.schema, table.name, c.name, c.comment)),
    ...table.indexes.map((index) => createIndexStatement(table.schema, table.name, index, false)),
  ];
}
