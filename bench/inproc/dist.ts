/**
 * The built package's internals, for the in-process timers: the code a user runs (dist/),
 * typed by the sources it was compiled from. Loaded by path because the package's exports
 * do not expose them.
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

/** dist/internals.js: the modules below as the package's bundle has them (scripts/build.mjs). */
export async function loadDist(): Promise<DistModules> {
  return (await import(pathToFileURL(join(DIST, 'internals.js')).href)) as DistModules;
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
    // A batch is one round trip of several statements, each counted; kept only where the
    // driver batches, so that introspection takes the path it takes in the CLI.
    ...(conn.batch === undefined
      ? {}
      : {
          batch(sqls: readonly string[]) {
            count += sqls.length;
            return conn.batch!(sqls);
          },
        }),
    close: () => conn.close(),
  };
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
