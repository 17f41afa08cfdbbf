/**
 * Dialects are registered here by URL scheme and loaded lazily, so that commands that never
 * touch a database (`--help`, `heads`, `history`) do not load a driver.
 */
import type { DatabaseUrl } from '../config/url.js';
import type { Dialect } from './dialect.js';
import type { DialectRuntime } from './dialect-runtime.js';

export interface LoadedDialect {
  readonly dialect: Dialect;
  readonly runtime: DialectRuntime;
}

type Loader = () => Promise<LoadedDialect>;

const loaders: Record<DatabaseUrl['dialect'], Loader> = {
  sqlite: async () => {
    const [{ sqliteDialect }, { sqliteRuntime }] = await Promise.all([
      import('./sqlite/index.js'),
      import('./sqlite/sqlite-runtime.js'),
    ]);
    return { dialect: sqliteDialect, runtime: sqliteRuntime };
  },
  postgresql: async () => {
    const [{ postgresDialect }, { postgresRuntime }] = await Promise.all([
      import('./postgres/index.js'),
      import('./postgres/postgres-runtime.js'),
    ]);
    return { dialect: postgresDialect, runtime: postgresRuntime };
  },
};

export function loadDialect(name: DatabaseUrl['dialect']): Promise<LoadedDialect> {
  return loaders[name]();
}
