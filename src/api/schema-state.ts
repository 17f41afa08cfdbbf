/**
 * The two snapshots autogenerate and `check` compare: the models' (imported from the
 * config's `models` modules) and the database's (introspected), both filtered by the
 * config's `include` and without the tool's own tables.
 */
import type { CompareOptions } from '../autogenerate/compare/compare-context.js';
import type { RenameResolver } from '../autogenerate/resolver/rename-resolver.js';
import type { Config } from '../config/config.js';
import { tableFilter } from '../config/include-filter.js';
import { requireModels } from '../config/load-config.js';
import type { Connection, Dialect } from '../dialects/dialect.js';
import { importModule } from '../loader/import-module.js';
import { isTrackingTable, trackingTables } from '../runtime/tracking-tables.js';
import { collectTables } from '../schema/collect-tables.js';
import { schemaSnapshot } from '../schema/to-snapshot.js';
import type { SchemaSnapshot } from '../snapshot/types.js';

export async function modelSnapshot(config: Config, dialect: Dialect): Promise<SchemaSnapshot> {
  const paths = requireModels(config);
  const modules: Record<string, unknown>[] = [];
  for (const path of paths) modules.push(await importModule(path));
  const included = tableFilter(config.include);
  const tables = collectTables(modules, [...paths]);
  const snapshot = schemaSnapshot(tables, dialect);
  return { ...snapshot, tables: snapshot.tables.filter((t) => included(t.schema, t.name)) };
}

const key = (t: { readonly schema: string | null; readonly name: string }): string => `${t.schema ?? ''}\u0000${t.name}`;

/**
 * The default schema, and the schemas `include.schemas` names: the models' tables in the
 * default schema are always compared (as Alembic's `include_schemas` keeps the default), so
 * the database's must be read too, or they would look missing on every run.
 */
export function databaseSnapshot(config: Config, dialect: Dialect, conn: Connection): Promise<SchemaSnapshot> {
  const included = tableFilter(config.include);
  const tracking = trackingTables(config, dialect);
  const named = config.include.schemas ?? [];
  return dialect.introspect(conn, {
    ...(named.length === 0 || !dialect.capabilities.schemas ? {} : { schemas: [null, ...named] }),
    excludeTable: (schema, name) => isTrackingTable(tracking, schema, name) || !included(schema, name),
  });
}

export interface ComparedSnapshots {
  readonly models: SchemaSnapshot;
  readonly database: SchemaSnapshot;
}

/**
 * Both snapshots of a comparison. The introspection starts first: on a server its catalog
 * queries run while the models are imported and built here, instead of one after the other.
 * When both fail, the models' error is the one thrown.
 */
export async function comparedSnapshots(config: Config, dialect: Dialect, conn: Connection): Promise<ComparedSnapshots> {
  const database = databaseSnapshot(config, dialect, conn);
  // Awaited below; until then a rejection must not count as unhandled.
  database.catch(() => undefined);
  const models = await modelSnapshot(config, dialect);
  return { models, database: withModelTablesElsewhere(await database, await modelTablesElsewhere(config, dialect, conn, models)) };
}

/**
 * The database's side of model tables whose schema `include.schemas` does not name. Alembic
 * reads only the default and included schemas, so such a table looks new on every run and its
 * createTable fails once it exists; here it is read too, and compares clean once created.
 * Only the tables the models name: the rest of that schema is still not looked at.
 */
async function modelTablesElsewhere(config: Config, dialect: Dialect, conn: Connection, models: SchemaSnapshot): Promise<SchemaSnapshot['tables']> {
  if (!dialect.capabilities.schemas) return [];
  const named = new Set(config.include.schemas ?? []);
  const wanted = new Set(models.tables.filter((t) => t.schema !== null && !named.has(t.schema)).map(key));
  if (wanted.size === 0) return [];
  const schemas = [...new Set(models.tables.flatMap((t) => (wanted.has(key(t)) && t.schema !== null ? [t.schema] : [])))];
  const tracking = trackingTables(config, dialect);
  const found = await dialect.introspect(conn, {
    schemas,
    excludeTable: (schema: string | null, name: string) => isTrackingTable(tracking, schema, name) || !wanted.has(key({ schema, name })),
  });
  return found.tables;
}

function withModelTablesElsewhere(database: SchemaSnapshot, tables: SchemaSnapshot['tables']): SchemaSnapshot {
  if (tables.length === 0) return database;
  const present = new Set(database.tables.map(key));
  return { ...database, tables: [...database.tables, ...tables.filter((t) => !present.has(key(t)))] };
}

/** How `check` and autogenerate compare the two: the config's switches, the dialect's hooks. */
export function compareOptions(
  config: Pick<Config, 'compareType' | 'compareServerDefault'>,
  dialect: Dialect,
  resolver: RenameResolver,
): CompareOptions {
  return {
    compareType: config.compareType,
    compareServerDefault: config.compareServerDefault,
    capabilities: dialect.capabilities,
    quoteIdentifier: dialect.quoteIdentifier,
    sameDefault: dialect.sameDefault,
    resolver,
  };
}
