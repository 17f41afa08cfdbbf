/**
 * A suite's own PostgreSQL database and a dialect connection to it, made before the suite's
 * tests and dropped after them. Call inside `describe`.
 */
import { after, before } from 'node:test';
import { parseDatabaseUrl } from '../../src/config/parse-url.js';
import type { Connection } from '../../src/dialects/dialect.js';
import { postgresDialect } from '../../src/dialects/postgres/index.js';
import { createPostgresDatabase, type TestDatabase } from './databases.js';

export interface PostgresSuite {
  /** The open connection (valid inside tests). */
  conn(): Connection;
  /** The database (valid inside tests). */
  db(): TestDatabase;
}

/** `query` is appended to the URL, e.g. `?options=-c%20TimeZone%3DUTC`. */
export function postgresSuite(query = ''): PostgresSuite {
  let db: TestDatabase | undefined;
  let conn: Connection | undefined;
  before(async () => {
    db = await createPostgresDatabase();
    conn = await postgresDialect.connect(parseDatabaseUrl(`${db.url}${query}`, process.cwd()));
  });
  after(async () => {
    await conn?.close();
    await db?.dispose();
  });
  return {
    conn: () => conn ?? fail('connection'),
    db: () => db ?? fail('database'),
  };
}

function fail(what: string): never {
  throw new Error(`the suite's ${what} is only there inside its tests`);
}
