/**
 * The `include` config as a predicate over tables, for autogenerate and check. Globs take
 * `*` (any run of characters) and `?` (one character); a glob with a dot is matched against
 * `schema.table`, one without against the bare table name. `schema` is null for the default
 * schema, which is always included; a named schema must be listed in `schemas` when that is set.
 */
import type { IncludeConfig } from './config.js';

export type TableFilter = (schema: string | null, name: string) => boolean;

export function tableFilter(include: IncludeConfig): TableFilter {
  const tables = include.tables?.map(globMatcher) ?? null;
  const excluded = include.excludeTables.map(globMatcher);
  return (schema, name) => {
    if (schema !== null && include.schemas !== null && !include.schemas.includes(schema)) return false;
    if (tables !== null && !tables.some((matches) => matches(schema, name))) return false;
    return !excluded.some((matches) => matches(schema, name));
  };
}

function globMatcher(glob: string): TableFilter {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const pattern = new RegExp(`^${source}$`, 's');
  if (!glob.includes('.')) return (_schema, name) => pattern.test(name);
  return (schema, name) => schema !== null && pattern.test(`${schema}.${name}`);
}
