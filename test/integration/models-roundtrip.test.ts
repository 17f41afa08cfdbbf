// Models -> createAll -> introspect gives back exactly the models' snapshot, on every
// dialect: the DSL's normalization and the dialect's introspection agree.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseDatabaseUrl } from '../../src/config/parse-url.js';
import type { Connection, Dialect } from '../../src/dialects/dialect.js';
import { loadDialect } from '../../src/dialects/registry.js';
import { collectTables } from '../../src/schema/collect-tables.js';
import { createAll, dropAll } from '../../src/schema/create-all.js';
import type { Table } from '../../src/schema/table.js';
import { schemaSnapshot } from '../../src/schema/to-snapshot.js';
import { DIALECTS, createDatabase, type TestDatabase } from '../helpers/databases.js';
import * as seed from '../fixtures/models/seed.js';
import * as wide from '../fixtures/models/wide.js';
import * as widePostgresql from '../fixtures/models/wide-postgresql.js';

const FIXTURES: readonly { readonly name: string; readonly modules: readonly Record<string, unknown>[]; readonly only?: string }[] = [
  { name: 'seed', modules: [seed] },
  { name: 'wide', modules: [wide] },
  { name: 'wide-postgresql', modules: [widePostgresql], only: 'postgresql' },
];

async function withConnection<T>(url: string, use: (dialect: Dialect, conn: Connection) => Promise<T>): Promise<T> {
  const parsed = parseDatabaseUrl(url, process.cwd());
  const { dialect } = await loadDialect(parsed.dialect);
  const conn = await dialect.connect(parsed);
  try {
    return await use(dialect, conn);
  } finally {
    await conn.close();
  }
}

for (const dialectName of DIALECTS) {
  describe(`models round trip on ${dialectName}`, () => {
    for (const fixture of FIXTURES.filter((f) => f.only === undefined || f.only === dialectName)) {
      describe(`the ${fixture.name} models`, () => {
        let db: TestDatabase;
        const tables: Table[] = collectTables(fixture.modules);

        before(async () => {
          db = await createDatabase(dialectName);
          if (fixture.name === 'wide-postgresql') {
            await withConnection(db.url, (_dialect, conn) => conn.query('CREATE EXTENSION IF NOT EXISTS citext'));
          }
        });
        after(async () => {
          await db.dispose();
        });

        test('createAll builds a database whose introspection equals the models snapshot', async () => {
          await createAll(tables, db.url);
          await withConnection(db.url, async (dialect, conn) => {
            const expected = schemaSnapshot(tables, dialect);
            const actual = await dialect.introspect(conn);
            for (const table of expected.tables) {
              assert.deepEqual(actual.tables.find((t) => t.name === table.name), table, `table ${table.name}`);
            }
            assert.deepEqual(actual, expected);
          });
        });

        test('createAll a second time changes nothing, and dropAll removes every table and enum', async () => {
          await createAll(tables, db.url);
          await dropAll(tables, db.url);
          await withConnection(db.url, async (dialect, conn) => {
            const left = await dialect.introspect(conn);
            assert.deepEqual(left.tables, []);
            assert.deepEqual(left.enums, []);
          });
        });
      });
    }
  });
}
