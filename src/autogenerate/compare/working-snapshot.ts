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

export function findTable(snapshot: SchemaSnapshot, schema: string | null, name: string): TableSnapshot | undefined {
  return snapshot.tables.find((t) => t.schema === schema && t.name === name);
}
