/**
 * `op.createTable(...)` with the table's columns and, as data-like extras that name columns
 * by string, its primary key, foreign keys, unique and CHECK constraints and indexes. Names
 * are the full names of the snapshot (naming conventions already applied).
 */
import type { ForeignKeySnapshot, IndexElement, IndexSnapshot, ReferentialAction, TableSnapshot } from '../../snapshot/types.js';
import { obj, renderCall, INDENT } from './call.js';
import type { Imports } from './imports.js';
import { inferredAutoincrement, renderColumn, sqlSource } from './render-column.js';
import { key, str, strList } from './ts-literal.js';

/** The DSL spells referential actions in lower case (`onDelete: 'cascade'`). */
export function action(value: ReferentialAction | null): string | undefined {
  return value === null ? undefined : str(value.toLowerCase());
}

/** A descending column has no DSL spelling of its own, so it is written as the expression. */
export function indexElement(element: IndexElement, imports: Imports): string {
  if ('expression' in element) return sqlSource(element.expression, imports);
  if (element.descending !== true) return str(element.column);
  const name = /^[a-z_][a-z0-9_]*$/.test(element.column) ? element.column : `"${element.column.replaceAll('"', '""')}"`;
  return sqlSource(`${name} DESC`, imports);
}

function foreignKeyExtra(fk: ForeignKeySnapshot, imports: Imports): string {
  const prefix = fk.referredSchema === null ? fk.referredTable : `${fk.referredSchema}.${fk.referredTable}`;
  const options = obj([
    ['name', fk.name === null ? undefined : str(fk.name)],
    ['columns', strList(fk.columns)],
    ['foreignColumns', strList(fk.referredColumns.map((c) => `${prefix}.${c}`))],
    ['onDelete', action(fk.onDelete)],
    ['onUpdate', action(fk.onUpdate)],
  ]);
  return `${imports.use('foreignKey')}({ ${options.entries.map(([k, v]) => `${k}: ${v}`).join(', ')} })`;
}

function indexExtra(index: IndexSnapshot, imports: Imports): string {
  let out = `${imports.use('index')}(${str(index.name)}).on(${index.elements.map((e) => indexElement(e, imports)).join(', ')})`;
  if (index.unique) out += '.unique()';
  if (index.where !== null) out += `.where(${sqlSource(index.where, imports)})`;
  return out;
}

/** Where the primary key goes: on its one column, or as an extra (named when not `pk_<table>`). */
function primaryKeyPlacement(table: TableSnapshot, imports: Imports): { column: string | null; extra: string | null } {
  const pk = table.primaryKey;
  if (pk === null) return { column: null, extra: null };
  const conventional = pk.name === null || pk.name === `pk_${table.name}`;
  const only = pk.columns.length === 1 ? pk.columns[0] : undefined;
  if (conventional && only !== undefined) return { column: only, extra: null };
  const extra = conventional
    ? `${imports.use('primaryKey')}(${pk.columns.map(str).join(', ')})`
    : `${imports.use('primaryKey')}({ name: ${str(pk.name ?? '')}, columns: ${strList(pk.columns)} })`;
  return { column: null, extra };
}

export function renderCreateTable(table: TableSnapshot, imports: Imports, indent: string, prefix: string): string[] {
  const inner = indent + INDENT;
  const pk = primaryKeyPlacement(table, imports);
  const pkColumns = table.primaryKey?.columns ?? [];
  const columns = table.columns.map((column) => {
    const inForeignKey = table.foreignKeys.some((fk) => fk.columns.includes(column.name));
    const rendered = renderColumn(column, imports, {
      primaryKey: pk.column === column.name,
      inferredAutoincrement: inferredAutoincrement(column, pkColumns, inForeignKey),
    });
    return `${inner}${key(column.name)}: ${rendered},`;
  });

  const extras: string[] = [];
  if (pk.extra !== null) extras.push(pk.extra);
  extras.push(...table.foreignKeys.map((fk) => foreignKeyExtra(fk, imports)));
  for (const u of table.uniqueConstraints) {
    extras.push(`${imports.use('unique')}(${u.name === null ? '' : str(u.name)}).on(${u.columns.map(str).join(', ')})`);
  }
  const unnamedChecks = table.checkConstraints.filter((c) => c.name === null);
  for (const c of table.checkConstraints) {
    if (c.name !== null) extras.push(`${imports.use('check')}(${str(c.name)}, ${sqlSource(c.sql, imports)})`);
  }
  extras.push(...table.indexes.map((index) => indexExtra(index, imports)));

  const options = obj([
    ['schema', table.schema === null ? undefined : str(table.schema)],
    ['comment', table.comment === null ? undefined : str(table.comment)],
  ]);
  const optionsText = options.entries.length === 0 ? '' : `, { ${options.entries.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;

  const open = `${indent}${prefix}.createTable(${str(table.name)}, {`;
  const lines = columns.length === 0 ? [`${open}}`] : [open, ...columns, `${indent}}`];
  if (extras.length > 0) {
    lines[lines.length - 1] += ', [';
    lines.push(...extras.map((e) => `${inner}${e},`), `${indent}]${optionsText});`);
  } else {
    lines[lines.length - 1] += `${optionsText});`;
  }
  // The DSL's check() needs a name; an unnamed CHECK (read from SQLite) is added on its own.
  for (const c of unnamedChecks) {
    const at = obj([['schema', table.schema === null ? undefined : str(table.schema)]]);
    lines.push(renderCall(indent, `${prefix}.createCheckConstraint`, ['null', str(table.name), sqlSource(c.sql, imports), at]));
  }
  return lines;
}
