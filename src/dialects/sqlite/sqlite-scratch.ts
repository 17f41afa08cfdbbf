/**
 * `check --dev-url` on SQLite: a fresh file in a new temporary directory, whatever file the
 * URL names (the user's own file is never touched), removed by `drop`. A file rather than
 * `:memory:` so that every connection a caller opens sees the same database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqliteUrl } from '../../config/url.js';

export async function createSqliteScratchDatabase(): Promise<{ readonly url: SqliteUrl; drop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'alembic-ts-check-'));
  return {
    url: { dialect: 'sqlite', filename: join(dir, 'scratch.db') },
    async drop() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
