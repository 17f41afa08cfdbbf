// createAll / dropAll as a user calls them (SPEC section 8): in foreign-key order on every
// dialect, tables that refer to each other included, and with typed errors, never a TypeError.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseDatabaseUrl } from '../../src/config/parse-url.js';
import { loadDialect } from '../../src/dialects/registry.js';
import { AlembicError, MigrationError } from '../../src/errors.js';
import { check, createAll, dropAll, integer, MetaData, sql, string, table } from '../../src/index.js';
import type { SchemaSnapshot } from '../../src/snapshot/types.js';
import { DIALECTS, createDatabase, type TestDatabase } from '../helpers/databases.js';

async function introspect(url: string): Promise<SchemaSnapshot> {
  const parsed = parseDatabaseUrl(url, process.cwd());
  const { dialect } = await loadDialect(parsed.dialect);
  const conn = await dialect.connect(parsed);
  try {
    return await dialect.introspect(conn);
  } finally {
    await conn.close();
  }
}

const foreignKeysOf = (snapshot: SchemaSnapshot): string[] =>
  snapshot.tables.flatMap((t) => t.foreignKeys.map((fk) => `${t.name}.${fk.columns.join()} -> ${fk.referredTable}`)).sort();

// Posts name their pinned comment, comments name their post: a cycle, written with the string
// form of references as SPEC section 3 suggests for cycles.
const posts = table('posts', { id: integer().primaryKey(), pinned_comment_id: integer().references('comments.id') });
const comments = table('comments', { id: integer().primaryKey(), post_id: integer().notNull().references('posts.id') });
const users = table('users', { id: integer().primaryKey(), name: string(50) });

for (const dialectName of DIALECTS) {
  describe(`createAll and dropAll on ${dialectName}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await createDatabase(dialectName);
    });
    after(async () => {
      await db.dispose();
    });

    test('tables whose foreign keys form a cycle are created with every key, then dropped', async () => {
      await createAll([posts, comments], db.url);
      assert.deepEqual(foreignKeysOf(await introspect(db.url)), [
        'comments.post_id -> posts',
        'posts.pinned_comment_id -> comments',
      ]);
      await createAll([posts, comments], db.url);
      await dropAll([posts, comments], db.url);
      assert.deepEqual((await introspect(db.url)).tables, []);
    });

    test('a models module (import * as models) is accepted as the tables', async () => {
      const models = { users, posts, comments, notATable: 42 };
      await createAll(models, db.url);
      assert.deepEqual((await introspect(db.url)).tables.map((t) => t.name).sort(), ['comments', 'posts', 'users']);
      await dropAll(models, db.url);
      assert.deepEqual((await introspect(db.url)).tables, []);
    });

    test('a failing statement is a MigrationError naming it, and nothing is left behind', async () => {
      const bad = table('bad', { id: integer().primaryKey() }, () => [check('ck_bad', sql`(((`)]);
      await assert.rejects(createAll([users, bad], db.url), (error: unknown) => {
        assert.ok(error instanceof MigrationError, String(error));
        assert.equal(error.code, 'E_STATEMENT_FAILED');
        assert.match(error.message, /^createAll failed: .*; statement: CREATE TABLE bad/);
        return true;
      });
      assert.deepEqual((await introspect(db.url)).tables, []);
    });
  });
}

describe('createAll on SQLite, which has no named schemas', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createDatabase('sqlite');
  });
  after(async () => {
    await db.dispose();
  });

  test('a MetaData with a schema is created once, skipped the second time, and dropped', async () => {
    const metadata = new MetaData({ schema: 'app' });
    metadata.table('accounts', { id: integer().primaryKey() });
    await createAll(metadata, db.url);
    await createAll(metadata, db.url);
    assert.deepEqual((await introspect(db.url)).tables.map((t) => t.name), ['accounts']);
    await dropAll(metadata, db.url);
    assert.deepEqual((await introspect(db.url)).tables, []);
  });
});

describe('createAll and dropAll arguments', () => {
  const usage = (fn: string) => (error: unknown): boolean => {
    assert.ok(error instanceof AlembicError, String(error));
    assert.equal(error.code, 'E_API_ARGUMENT');
    assert.equal(error.exitCode, 2);
    assert.match(error.message, new RegExp(`^${fn}: `));
    return true;
  };

  test('a missing URL is a usage error, not a TypeError', async () => {
    await assert.rejects(createAll([users], undefined as unknown as string), usage('createAll'));
    await assert.rejects(dropAll([users], '  '), usage('dropAll'));
  });

  test('something other than tables is a usage error', async () => {
    await assert.rejects(createAll([users, 'posts'] as never, 'sqlite://'), usage('createAll'));
    await assert.rejects(dropAll(undefined as never, 'sqlite://'), usage('dropAll'));
  });
});
