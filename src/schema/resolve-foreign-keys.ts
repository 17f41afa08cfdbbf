/**
 * Foreign keys of a table, from column `.references()` and `foreignKey()` extras, with their
 * targets resolved: `() => users.id` gives the table itself; `'users.id'` resolves into the
 * owning MetaData's schema, as SQLAlchemy's `ForeignKey('users.id')` does.
 */
import type { ForeignKeySnapshot } from '../snapshot/types.js';
import { argumentError } from './arguments.js';
import { COLUMN_REF_KEY } from './brands.js';
import { isColumnRef, type ColumnRef, type ReferenceTarget } from './column.js';
import { columnName, type TableDefinition } from './table-definition.js';
import type { ExtraSpec, ForeignKeySpec } from './table-extras.js';

interface Target {
  readonly schema: string | null;
  readonly table: string;
  readonly column: string;
}

function fromRef(ref: unknown, where: string): Target {
  if (!isColumnRef(ref)) throw argumentError(where, 'the reference must name a column of a table (() => users.id)');
  const { table, name } = (ref as ColumnRef)[COLUMN_REF_KEY];
  return { schema: table.schema, table: table.name, column: name };
}

function fromString(text: string, def: TableDefinition, where: string): Target {
  const parts = text.split('.');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw argumentError(where, `"${text}" must be 'table.column' or 'schema.table.column'`);
  }
  const [column, table, schema] = parts.reverse() as [string, string, string | undefined];
  return { schema: schema ?? def.metadataSchema, table, column };
}

function resolveTarget(target: ReferenceTarget, def: TableDefinition, where: string): Target {
  if (typeof target === 'string') return fromString(target, def, where);
  let ref: unknown;
  try {
    ref = target();
  } catch (error) {
    throw argumentError(where, `the reference function failed: ${(error as Error).message}`);
  }
  return fromRef(ref, where);
}

function foreignTargets(spec: ForeignKeySpec, def: TableDefinition, where: string): Target[] {
  const list: unknown = typeof spec.foreignColumns === 'function' ? spec.foreignColumns() : spec.foreignColumns;
  if (!Array.isArray(list)) throw argumentError(where, 'foreignColumns must give an array');
  return list.map((item: unknown) => (typeof item === 'string' ? fromString(item, def, where) : fromRef(item, where)));
}

export function resolveForeignKeys(def: TableDefinition, extras: readonly ExtraSpec[], where: string): ForeignKeySnapshot[] {
  const out: ForeignKeySnapshot[] = [];
  for (const c of def.columns) {
    for (const reference of c.spec.references) {
      const target = resolveTarget(reference.target, def, `${where} column "${c.name}" .references()`);
      out.push({
        name: reference.name,
        columns: [c.name],
        referredSchema: target.schema,
        referredTable: target.table,
        referredColumns: [target.column],
        onDelete: reference.onDelete,
        onUpdate: reference.onUpdate,
      });
    }
  }
  for (const extra of extras) {
    if (extra.kind !== 'foreignKey') continue;
    const fkWhere = `${where} foreignKey()`;
    const columns = extra.columns.map((input) => columnName(def, input, fkWhere));
    const targets = foreignTargets(extra, def, fkWhere);
    const first = targets[0];
    if (first === undefined || targets.length !== columns.length) {
      throw argumentError(fkWhere, `${columns.length} columns but ${targets.length} foreign columns`);
    }
    if (targets.some((t) => t.table !== first.table || t.schema !== first.schema)) {
      throw argumentError(fkWhere, 'all foreign columns must belong to one table');
    }
    out.push({
      name: extra.name,
      columns,
      referredSchema: first.schema,
      referredTable: first.table,
      referredColumns: targets.map((t) => t.column),
      onDelete: extra.onDelete,
      onUpdate: extra.onUpdate,
    });
  }
  return out;
}
