/**
 * Lookups on snapshots while compare works through them. Decided renames and enum changes
 * are applied to the database's snapshot with `applyOps`, so every later step compares like
 * with like, and sees renames follow into constraints, indexes, expressions and foreign keys
 * exactly as they do on the database.
 */
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
