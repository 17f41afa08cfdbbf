/**
 * Lookups on snapshots while compare works through them. Decided renames and enum changes
 * are applied to the database's snapshot with `applyOps`, so every later step compares like
 * with like, and sees renames follow into constraints, indexes, expressions and foreign keys
 * exactly as they do on the database.
 */
import type { Op } from '../../operations/ops.js';
import { applyOps } from '../../snapshot/apply-ops.js';
import type { SchemaSnapshot, TableSnapshot } from '../../snapshot/types.js';
import { compareText } from '../text-order.js';

type SchemaObject = { readonly schema: string | null; readonly name: string };

export const tableKey = (schema: string | null, name: string): string => `${schema ?? ''}\u0000${name}`;

export function byTableName(a: SchemaObject, b: SchemaObject): number {
  return compareText(a.schema ?? '', b.schema ?? '') || compareText(a.name, b.name);
}

/**
 * Snapshots are immutable, so an index built on a `tables` array the first time it is
 * searched stays valid; compare looks tables up inside loops over every table.
 */
const tableIndexes = new WeakMap<readonly TableSnapshot[], Map<string | null, Map<string, TableSnapshot>>>();

export function findTable(snapshot: SchemaSnapshot, schema: string | null, name: string): TableSnapshot | undefined {
  let index = tableIndexes.get(snapshot.tables);
  if (index === undefined) {
    index = new Map();
    for (const table of snapshot.tables) {
      let inSchema = index.get(table.schema);
      if (inSchema === undefined) index.set(table.schema, (inSchema = new Map()));
      if (!inSchema.has(table.name)) inSchema.set(table.name, table);
    }
    tableIndexes.set(snapshot.tables, index);
  }
  return index.get(schema)?.get(name);
}

type Named = { readonly name: string | null };

/** Non-decreasing by `key`: what a stable sort on that key would leave as it is. */
function inOrder<T>(items: readonly T[], key: (item: T) => string): boolean {
  for (let i = 1; i < items.length; i++) if (key(items[i - 1]!) > key(items[i]!)) return false;
  return true;
}

const itemName = (item: Named): string => item.name ?? '';
const keyOf = (t: SchemaObject): string => tableKey(t.schema, t.name);

/**
 * `applyOps(snapshot, ops)`. With no ops that only sorts tables, enums and each table's
 * lists by name, which the snapshots compare gets already are: they are then kept as they
 * are instead of copied (compare runs this after each pass, mostly with no ops).
 */
export function applied(snapshot: SchemaSnapshot, ops: readonly Op[], quoteIdentifier?: (name: string) => string): SchemaSnapshot {
  const normal =
    ops.length === 0 &&
    inOrder(snapshot.tables, keyOf) &&
    inOrder(snapshot.enums, keyOf) &&
    snapshot.tables.every(
      (t) =>
        inOrder(t.foreignKeys, itemName) &&
        inOrder(t.uniqueConstraints, itemName) &&
        inOrder(t.checkConstraints, itemName) &&
        inOrder(t.indexes, itemName),
    );
  if (normal) return snapshot;
  return applyOps(snapshot, ops, quoteIdentifier === undefined ? {} : { quoteIdentifier });
}
