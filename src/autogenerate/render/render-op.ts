/**
 * One op as the `op` API call that records it (SPEC section 5). Inside `batchAlterTable` the
 * same calls go to `batch`, without the table argument and schema option.
 */
import type { AlterColumnOp, ColumnChanges, ExecuteOp, Op } from '../../operations/ops.js';
import type { ColumnSnapshot, ColumnType } from '../../snapshot/types.js';
import { INDENT, obj, renderCall, type Arg, type ObjectArg } from './call.js';
import type { Imports } from './imports.js';
import { renderColumn, renderDefault, renderType, sqlSource } from './render-column.js';
import { action, indexElement, renderCreateTable } from './render-create-table.js';
import { sqlTemplate, str, strList, valueLiteral } from './ts-literal.js';

interface Site {
  readonly prefix: string;
  /** The table argument(s) of a table method: `['users']` on `op`, none on `batch`. */
  readonly table: (table: string) => Arg[];
  /** The `schema` option entry, or undefined where the call does not take one. */
  readonly schema: (schema: string | null) => string | undefined;
}

const OP_SITE: Site = {
  prefix: 'op',
  table: (table) => [str(table)],
  schema: (schema) => (schema === null ? undefined : str(schema)),
};

const BATCH_SITE: Site = { prefix: 'batch', table: () => [], schema: () => undefined };

const withSchema = (site: Site, schema: string | null, entries: readonly (readonly [string, string | undefined])[] = []): ObjectArg =>
  obj([...entries, ['schema', site.schema(schema)]]);

/** `, { schema: 'x' }` after a multi-line argument, or nothing. */
function schemaTail(site: Site, schema: string | null): string {
  const value = site.schema(schema);
  return value === undefined ? '' : `, { schema: ${value} }`;
}

const nullableStr = (value: string | null): string => (value === null ? 'null' : str(value));

function defaultValue(value: string | null, type: ColumnType, imports: Imports): string {
  return value === null ? 'null' : renderDefault(value, type, imports);
}

/** `existing` in full where a left-out attribute would be read wrongly by the op API. */
function existingColumn(existing: ColumnSnapshot, changes: ColumnChanges, imports: Imports): string {
  const entries = obj([
    ['type', renderType(existing.type, imports)],
    ['nullable', String(existing.nullable)],
    ['default', existing.default !== null || 'default' in changes ? defaultValue(existing.default, existing.type, imports) : undefined],
    ['autoincrement', existing.autoincrement || 'autoincrement' in changes ? String(existing.autoincrement) : undefined],
    ['comment', existing.comment !== null || 'comment' in changes ? nullableStr(existing.comment) : undefined],
  ]);
  return `{ ${entries.entries.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
}

function alterColumn(op: AlterColumnOp, site: Site, imports: Imports, indent: string): string {
  const { changes, existing } = op;
  const typeForDefault = changes.type ?? existing?.type ?? { name: 'text' };
  const options = withSchema(site, op.schema, [
    ['type', changes.type === undefined ? undefined : renderType(changes.type, imports)],
    ['nullable', changes.nullable === undefined ? undefined : String(changes.nullable)],
    ['default', changes.default === undefined ? undefined : defaultValue(changes.default, typeForDefault, imports)],
    ['newName', changes.newName === undefined ? undefined : str(changes.newName)],
    ['comment', changes.comment === undefined ? undefined : nullableStr(changes.comment)],
    ['autoincrement', changes.autoincrement === undefined ? undefined : String(changes.autoincrement)],
    ['using', op.using === null ? undefined : sqlSource(op.using, imports)],
    ['existing', existing === null ? undefined : existingColumn(existing, changes, imports)],
  ]);
  return renderCall(indent, `${site.prefix}.alterColumn`, [...site.table(op.table), str(op.column), options]);
}

/** `$1`-style parameters go back into the template as interpolated values. */
function execute(op: ExecuteOp, imports: Imports): string {
  imports.use('sql');
  if (op.params.length === 0) return sqlTemplate(op.sql);
  const parts: string[] = [];
  const values: string[] = [];
  let rest = op.sql;
  for (let match = /\$(\d+)/.exec(rest); match !== null; match = /\$(\d+)/.exec(rest)) {
    parts.push(rest.slice(0, match.index));
    values.push(valueLiteral(op.params[Number(match[1]) - 1]));
    rest = rest.slice(match.index + match[0].length);
  }
  parts.push(rest);
  return sqlTemplate(op.sql, values, parts);
}

export function renderOp(op: Op, imports: Imports, indent: string, site: Site = OP_SITE): string[] {
  const call = (method: string, args: readonly Arg[]): string[] => [renderCall(indent, `${site.prefix}.${method}`, args)];
  const on = (table: string): Arg[] => site.table(table);
  switch (op.kind) {
    case 'createTable':
      return renderCreateTable(op.table, imports, indent, site.prefix);
    case 'dropTable':
      return call('dropTable', [str(op.table), withSchema(site, op.schema)]);
    case 'renameTable':
      return call('renameTable', [str(op.table), str(op.newName), withSchema(site, op.schema)]);
    case 'addColumn':
      return call('addColumn', [...on(op.table), str(op.column.name), renderColumn(op.column, imports), withSchema(site, op.schema)]);
    case 'dropColumn':
      return call('dropColumn', [...on(op.table), str(op.column), withSchema(site, op.schema)]);
    case 'renameColumn':
      return call('renameColumn', [...on(op.table), str(op.column), str(op.newName), withSchema(site, op.schema)]);
    case 'alterColumn':
      return [alterColumn(op, site, imports, indent)];
    case 'createIndex':
      return call('createIndex', [
        str(op.index.name),
        ...on(op.table),
        `[${op.index.elements.map((e) => indexElement(e, imports)).join(', ')}]`,
        withSchema(site, op.schema, [
          ['unique', op.index.unique ? 'true' : undefined],
          ['where', op.index.where === null ? undefined : sqlSource(op.index.where, imports)],
          ['concurrently', op.concurrently ? 'true' : undefined],
        ]),
      ]);
    case 'dropIndex':
      return call('dropIndex', [
        str(op.name),
        ...(op.table === '' ? [] : on(op.table)),
        withSchema(site, op.schema, [['concurrently', op.concurrently ? 'true' : undefined]]),
      ]);
    case 'createUniqueConstraint':
      return call('createUniqueConstraint', [
        nullableStr(op.constraint.name),
        ...on(op.table),
        strList(op.constraint.columns),
        withSchema(site, op.schema),
      ]);
    case 'createForeignKey': {
      const fk = op.constraint;
      return call('createForeignKey', [
        nullableStr(fk.name),
        ...on(op.table),
        str(fk.referredTable),
        strList(fk.columns),
        strList(fk.referredColumns),
        obj([
          ['onDelete', action(fk.onDelete)],
          ['onUpdate', action(fk.onUpdate)],
          ['sourceSchema', site.schema(op.schema)],
          ['referentSchema', fk.referredSchema === null ? undefined : str(fk.referredSchema)],
        ]),
      ]);
    }
    case 'createCheckConstraint':
      return call('createCheckConstraint', [
        nullableStr(op.constraint.name),
        ...on(op.table),
        sqlSource(op.constraint.sql, imports),
        withSchema(site, op.schema),
      ]);
    case 'createPrimaryKey':
      return call('createPrimaryKey', [
        nullableStr(op.constraint.name),
        ...on(op.table),
        strList(op.constraint.columns),
        withSchema(site, op.schema),
      ]);
    case 'dropConstraint':
      return call('dropConstraint', [
        str(op.name),
        ...on(op.table),
        withSchema(site, op.schema, [['type', op.type === null ? undefined : str(op.type)]]),
      ]);
    case 'setTableComment':
      return call('setTableComment', [
        ...on(op.table),
        nullableStr(op.comment),
        withSchema(site, op.schema, [['existing', op.existing === null ? undefined : str(op.existing)]]),
      ]);
    case 'execute':
      return call('execute', [execute(op, imports)]);
    case 'bulkInsert': {
      const rows = op.rows.map((row) => `${indent}${INDENT}${valueLiteral(row)},`);
      const tail = schemaTail(site, op.schema);
      if (rows.length === 0) return [`${indent}${site.prefix}.bulkInsert(${str(op.table)}, []${tail});`];
      return [`${indent}${site.prefix}.bulkInsert(${str(op.table)}, [`, ...rows, `${indent}]${tail});`];
    }
    case 'batchAlterTable': {
      const inner = op.ops.flatMap((o) => renderOp(o, imports, indent + INDENT, BATCH_SITE));
      const tail = schemaTail(site, op.schema);
      return [`${indent}${site.prefix}.batchAlterTable(${str(op.table)}, (batch) => {`, ...inner, `${indent}}${tail});`];
    }
    case 'createEnum':
      return call('createEnum', [str(op.name), strList(op.values), withSchema(site, op.schema)]);
    case 'dropEnum':
      return call('dropEnum', [str(op.name), withSchema(site, op.schema)]);
    case 'addEnumValue':
      return call('addEnumValue', [
        str(op.name),
        str(op.value),
        withSchema(site, op.schema, [
          ['before', op.before === null ? undefined : str(op.before)],
          ['after', op.after === null ? undefined : str(op.after)],
        ]),
      ]);
    case 'renameEnumValue':
      return call('renameEnumValue', [str(op.name), str(op.from), str(op.to), withSchema(site, op.schema)]);
  }
}
