/**
 * Equality for snapshot values. Both snapshots are normalized for the same dialect, so plain
 * structural equality is the rule; the exceptions live here.
 */
import type { ColumnType } from '../../snapshot/types.js';

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const xs = a as unknown[];
    const ys = b as unknown[];
    if (xs.length !== ys.length) return false;
    for (let i = 0; i < xs.length; i++) if (!deepEqual(xs[i], ys[i])) return false;
    return true;
  }
  // Key by key without collecting the keys: compare runs this over every table of both sides.
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key in ra) if (!deepEqual(ra[key], rb[key])) return false;
  // An absent key and an `undefined` one mean the same (`descending?` in index elements).
  for (const key in rb) if (!Object.hasOwn(ra, key) && !deepEqual(ra[key], rb[key])) return false;
  return true;
}

/**
 * Column types are equal when their data is, except that an enum type is known by its name:
 * its values are compared (and changed) through the enum itself, not through every column.
 */
export function typesEqual(a: ColumnType, b: ColumnType): boolean {
  if (a.name === 'enum' && b.name === 'enum') return a.enumName === b.enumName;
  if (a.name === 'array' && b.name === 'array') return typesEqual(a.of, b.of);
  return deepEqual(a, b);
}

/** The enum a column type stores, directly or as an array element. */
export function enumOf(type: ColumnType): string | null {
  if (type.name === 'enum') return type.enumName;
  if (type.name === 'array') return enumOf(type.of);
  return null;
}

/** `type` with every use of enum `name` given `values`. */
export function withEnumValues(type: ColumnType, name: string, values: readonly string[]): ColumnType {
  if (type.name === 'enum' && type.enumName === name) return { ...type, values };
  if (type.name === 'array') return { name: 'array', of: withEnumValues(type.of, name, values) };
  return type;
}
