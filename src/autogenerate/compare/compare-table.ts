/**
 * One table that exists on both sides (after renames), in the order that runs on a real
 * database: indexes and constraints dropped (before the columns they use), columns added,
 * altered and dropped, constraints and indexes created, then the comment. Foreign keys are
 * compared apart (compare-foreign-keys.ts), since they wait for other tables.
 */
import type { Op } from '../../operations/ops.js';
import type { ColumnSnapshot, TableSnapshot } from '../../snapshot/types.js';
import { compareColumns } from './compare-columns.js';
import { compareConstraints } from './compare-constraints.js';
import type { CompareContext } from './compare-context.js';
import { compareIndexes } from './compare-indexes.js';
import { droppedKey, type DroppedKey } from './dependent-foreign-keys.js';

export interface TableDiff {
  readonly ops: Op[];
  /** Keys dropped here that foreign keys elsewhere may depend on. */
  readonly droppedKeys: DroppedKey[];
  /** Columns whose drop was not confirmed. */
  readonly keptColumns: ColumnSnapshot[];
}

export async function compareTable(target: TableSnapshot, current: TableSnapshot, ctx: CompareContext): Promise<TableDiff> {
  const columns = await compareColumns(target, current, ctx);
  const constraints = compareConstraints(target, current);
  const indexes = compareIndexes(target, current);
  const drops = [...indexes.drop, ...constraints.drop];
  const ops: Op[] = [...drops, ...columns.add, ...columns.alter, ...columns.drop, ...constraints.create, ...indexes.create];
  if (ctx.options.capabilities.comments && target.comment !== current.comment) {
    ops.push({ kind: 'setTableComment', schema: target.schema, table: target.name, comment: target.comment, existing: current.comment });
  }
  return {
    ops,
    droppedKeys: drops.flatMap((op) => droppedKey(op, current) ?? []),
    keptColumns: columns.kept,
  };
}
