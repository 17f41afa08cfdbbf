/**
 * Indexes of a table that exists on both sides, matched by name. An index whose columns,
 * order, uniqueness, expressions or WHERE changed is dropped and created again.
 */
import type { CreateIndexOp, DropIndexOp } from '../../operations/ops.js';
import type { IndexElement, IndexSnapshot, TableSnapshot } from '../../snapshot/types.js';
import { byName } from './compare-constraints.js';
import { deepEqual } from './equality.js';

export interface IndexDiff {
  readonly drop: DropIndexOp[];
  readonly create: CreateIndexOp[];
}

const element = (e: IndexElement) =>
  'column' in e ? { column: e.column, descending: e.descending ?? false } : { expression: e.expression };

function sameIndex(a: IndexSnapshot, b: IndexSnapshot): boolean {
  return (
    a.unique === b.unique &&
    a.where === b.where &&
    deepEqual(a.elements.map(element), b.elements.map(element))
  );
}

export function compareIndexes(target: TableSnapshot, current: TableSnapshot): IndexDiff {
  const at = { schema: target.schema, table: target.name };
  const dropped: IndexSnapshot[] = [];
  const created: IndexSnapshot[] = [];
  for (const index of current.indexes) {
    const wanted = target.indexes.find((i) => i.name === index.name);
    if (wanted === undefined || !sameIndex(wanted, index)) dropped.push(index);
  }
  for (const index of target.indexes) {
    const existing = current.indexes.find((i) => i.name === index.name);
    if (existing === undefined || !sameIndex(index, existing)) created.push(index);
  }
  return {
    drop: dropped.sort(byName).map((existing) => ({
      kind: 'dropIndex',
      ...at,
      name: existing.name,
      existing,
      concurrently: false,
    })),
    create: created.sort(byName).map((index) => ({ kind: 'createIndex', ...at, index, concurrently: false })),
  };
}
