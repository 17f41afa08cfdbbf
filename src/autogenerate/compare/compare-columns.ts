/**
 * Columns of a table that exists on both sides (after renames): added, changed, dropped.
 */
import type { AddColumnOp, AlterColumnOp, ColumnChanges, DropColumnOp } from '../../operations/ops.js';
import type { ColumnSnapshot, TableSnapshot } from '../../snapshot/types.js';
import type { CompareContext, CompareOptions } from './compare-context.js';
import { typesEqual } from './equality.js';

export interface ColumnDiff {
  readonly add: AddColumnOp[];
  readonly alter: AlterColumnOp[];
  readonly drop: DropColumnOp[];
  /** Columns the models no longer have but whose drop was not confirmed. */
  readonly kept: ColumnSnapshot[];
}

export async function compareColumns(
  target: TableSnapshot,
  current: TableSnapshot,
  ctx: CompareContext,
): Promise<ColumnDiff> {
  const at = { schema: target.schema, table: target.name };
  const diff: ColumnDiff = { add: [], alter: [], drop: [], kept: [] };
  for (const column of target.columns) {
    const existing = current.columns.find((c) => c.name === column.name);
    if (existing === undefined) {
      diff.add.push({ kind: 'addColumn', ...at, column });
      continue;
    }
    const changes = columnChanges(column, existing, ctx.options);
    if (Object.keys(changes).length > 0) {
      diff.alter.push({ kind: 'alterColumn', ...at, column: column.name, changes, using: null, existing });
    }
  }
  for (const existing of current.columns) {
    if (target.columns.some((c) => c.name === existing.name)) continue;
    if (await ctx.log.confirmDrop('column', target.schema, target.name, existing.name)) {
      diff.drop.push({ kind: 'dropColumn', ...at, column: existing.name, existing });
    } else {
      diff.kept.push(existing);
    }
  }
  return diff;
}

function sameDefault(target: ColumnSnapshot, current: ColumnSnapshot, options: CompareOptions): boolean {
  if (target.default === current.default) return true;
  if (target.default === null || current.default === null) return false;
  return options.sameDefault?.(target.default, current.default, target.type) ?? false;
}

/**
 * What differs between the model column and the database column. Collation is not compared
 * (as in Alembic): changing it is a type change the `op` API does not express.
 */
export function columnChanges(target: ColumnSnapshot, current: ColumnSnapshot, options: CompareOptions): ColumnChanges {
  const changes: { -readonly [K in keyof ColumnChanges]: ColumnChanges[K] } = {};
  if (options.compareType && !typesEqual(target.type, current.type)) changes.type = target.type;
  if (target.nullable !== current.nullable) changes.nullable = target.nullable;
  if (options.compareServerDefault && !sameDefault(target, current, options)) changes.default = target.default;
  if (target.autoincrement !== current.autoincrement) changes.autoincrement = target.autoincrement;
  if (options.capabilities.comments && target.comment !== current.comment) changes.comment = target.comment;
  return changes;
}
