/**
 * The two tables the tool keeps in the user's database: Alembic's version table (name and
 * schema from the config) and the history table beside it, in the same schema.
 */
import type { Config } from '../config/config.js';
import type { QualifiedName } from '../dialects/dialect-runtime.js';

export const HISTORY_TABLE = 'alembic_ts_history';

export interface TrackingTables {
  readonly version: QualifiedName;
  readonly history: QualifiedName;
}

export function trackingTables(config: Pick<Config, 'versionTable' | 'versionTableSchema'>): TrackingTables {
  const schema = config.versionTableSchema;
  return { version: { schema, name: config.versionTable }, history: { schema, name: HISTORY_TABLE } };
}

/** For introspection and autogenerate, which must not see these tables as part of the user's schema. */
export function isTrackingTable(tables: TrackingTables, schema: string | null, name: string): boolean {
  return [tables.version, tables.history].some((t) => t.name === name && (t.schema === null || t.schema === schema));
}
