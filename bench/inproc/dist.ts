/**
 * The built package's internals, for the in-process timers: the code a user runs (dist/),
 * typed by the sources it was compiled from. Loaded by path because the package's exports
 * do not expose these modules.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { collectTables, schemaSnapshot } from '../../src/schema/index.js';
import type { compareSnapshots } from '../../src/autogenerate/compare/compare-snapshots.js';
import type { fixedResolver } from '../../src/autogenerate/resolver/fixed-resolver.js';
import type { loadDialect } from '../../src/dialects/registry.js';
import type { parseDatabaseUrl } from '../../src/config/parse-url.js';
import type { Connection } from '../../src/dialects/dialect.js';
import { DIST } from '../paths.js';

export interface DistModules {
  readonly loadDialect: typeof loadDialect;
  readonly parseDatabaseUrl: typeof parseDatabaseUrl;
  readonly collectTables: typeof collectTables;
  readonly schemaSnapshot: typeof schemaSnapshot;
  readonly compareSnapshots: typeof compareSnapshots;
  readonly fixedResolver: typeof fixedResolver;
}

const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(DIST, path)).href) as Promise<T>;

export async function loadDist(): Promise<DistModules> {
  const [registry, url, schema, compare, resolver] = await Promise.all([
    load<{ loadDialect: typeof loadDialect }>('dialects/registry.js'),
    load<{ parseDatabaseUrl: typeof parseDatabaseUrl }>('config/parse-url.js'),
    load<{ collectTables: typeof collectTables; schemaSnapshot: typeof schemaSnapshot }>('schema/index.js'),
    load<{ compareSnapshots: typeof compareSnapshots }>('autogenerate/compare/compare-snapshots.js'),
    load<{ fixedResolver: typeof fixedResolver }>('autogenerate/resolver/fixed-resolver.js'),
  ]);
  return {
    loadDialect: registry.loadDialect,
    parseDatabaseUrl: url.parseDatabaseUrl,
    collectTables: schema.collectTables,
    schemaSnapshot: schema.schemaSnapshot,
    compareSnapshots: compare.compareSnapshots,
    fixedResolver: resolver.fixedResolver,
  };
}

/** A connection that counts the statements sent through it: the in-process statement count. */
export interface CountingConnection extends Connection {
  readonly count: number;
  reset(): void;
}

export function countingConnection(conn: Connection): CountingConnection {
  let count = 0;
  return {
    dialect: conn.dialect,
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
    query(sql, params) {
      count += 1;
      return conn.query(sql, params);
    },
    close: () => conn.close(),
  };
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
