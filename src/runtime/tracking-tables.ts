/**
 * The two tables the tool keeps in the user's database: Alembic's version table (name and
 * schema from the config) and the history table beside it, in the same schema.
 */
import type { Config } from '../config/config.js';
import type { Dialect } from '../dialects/dialect.js';
import type { QualifiedName } from '../dialects/dialect-runtime.js';
import { ConfigError } from '../errors.js';

export const HISTORY_TABLE = 'alembic_ts_history';

export interface TrackingTables {
  readonly version: QualifiedName;
  readonly history: QualifiedName;
}

/** A schema on a dialect without schemas (SQLite) is a config error, before anything connects. */
export function trackingTables(
  config: Pick<Config, 'versionTable' | 'versionTableSchema'>,
  dialect: { readonly name: Dialect['name']; readonly capabilities: Pick<Dialect['capabilities'], 'schemas'> },
): TrackingTables {
  const schema = config.versionTableSchema;
  if (schema !== null && !dialect.capabilities.schemas) {
    throw new ConfigError('E_CONFIG_VALUE', `"versionTableSchema" is "${schema}", but ${dialect.name} has no schemas`, {
      hint: 'remove versionTableSchema from the config (it is for PostgreSQL)',
    });
  }
  return { version: { schema, name: config.versionTable }, history: { schema, name: HISTORY_TABLE } };
}

/** For introspection and autogenerate, which must not see these tables as part of the user's schema. */
export function isTrackingTable(tables: TrackingTables, schema: string | null, name: string): boolean {
  return [tables.version, tables.history].some((t) => t.name === name && (t.schema === null || t.schema === schema));
}
