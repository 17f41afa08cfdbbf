import type { ForeignKeySnapshot, TableSnapshot } from './types.js';

const key = (schema: string | null, name: string): string => `${schema ?? ''}\u0000${name}`;

/**
 * Tables ordered so that every table comes after the tables its foreign keys refer to
 * (create in this order, drop in the reverse). Self-references are ignored; tables in a
 * cycle keep their input order among themselves. Stable: ties keep the input order.
 */
export function sortTablesByDependency<T extends TableSnapshot>(tables: readonly T[]): T[] {
  const byKey = new Map(tables.map((t) => [key(t.schema, t.name), t]));
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const out: T[] = [];

  const visit = (table: T): void => {
    const k = key(table.schema, table.name);
    if (placed.has(k) || visiting.has(k)) return;
    visiting.add(k);
    for (const fk of table.foreignKeys) {
      // A null referredSchema is the default schema (as the DDL leaves it unqualified), not the table's.
      const parent = byKey.get(key(fk.referredSchema, fk.referredTable));
      if (parent !== undefined && parent !== table) visit(parent);
    }
    visiting.delete(k);
    placed.add(k);
    out.push(table);
  };
  for (const table of tables) visit(table);
  return out;
}

/**
 * The foreign keys of each table of `ordered` (as sortTablesByDependency leaves them) that
 * refer to a table placed after it: the keys that close a cycle, which cannot be created
 * inline where the database checks the referred table, nor left in place while the tables
 * are dropped one by one. Tables without such keys are not in the map.
 */
export function forwardForeignKeys<T extends TableSnapshot>(ordered: readonly T[]): Map<T, ForeignKeySnapshot[]> {
  const position = new Map(ordered.map((t, i) => [key(t.schema, t.name), i]));
  const forward = new Map<T, ForeignKeySnapshot[]>();
  ordered.forEach((table, i) => {
    const late = table.foreignKeys.filter((fk) => (position.get(key(fk.referredSchema, fk.referredTable)) ?? -1) > i);
    if (late.length > 0) forward.set(table, late);
  });
  return forward;
}
