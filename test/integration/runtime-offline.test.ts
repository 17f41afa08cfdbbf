import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseDatabaseUrl } from '../../src/config/parse-url.js';
import type { Connection, Statement } from '../../src/dialects/dialect.js';
import { ConfigError } from '../../src/errors.js';
import { downgrade, upgrade } from '../../src/runtime/migrate.js';
import { downgradeSql, stampSql, upgradeSql } from '../../src/runtime/offline.js';
import { DIALECTS } from '../helpers/databases.js';
import { BOOKS_CHAIN, createProject, type Project } from './runtime-fixture.js';

const HEAD = BOOKS_CHAIN[2]!.revision;

/** A connection that keeps every statement it is asked to run. */
function recording(conn: Connection): { conn: Connection; statements: Statement[] } {
  const statements: Statement[] = [];
  return {
    statements,
    conn: {
      dialect: conn.dialect,
      query(sql, params = []) {
        statements.push({ sql, params, transactional: true });
        return conn.query(sql, params);
      },
      close: () => conn.close(),
    },
  };
}

/**
 * The writes of a run, as offline mode prints them; reads (state, introspection, locking,
 * the checks a step runs before commit) and session pragmas left out on both sides.
 */
const isRead = (sql: string): boolean => /^\s*(SELECT|PRAGMA|WITH)\b/i.test(sql);

function onlineWrites(project: Project, statements: readonly Statement[]): string[] {
  return statements
    .filter((s) => !isRead(s.sql))
    .map((s) => {
      // The duration is only known online.
      const params = /^INSERT INTO \S*alembic_ts_history/.test(s.sql) ? s.params.map((p, i) => (i === 3 ? null : p)) : s.params;
      return project.runtime.inlineParams({ ...s, params });
    });
}

function offlineStatements(script: string): string[] {
  return script
    .replace(/^-- .*\n\n/gm, '')
    .split(/;\n\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '' && !isRead(block));
}

for (const dialect of DIALECTS) {
  describe(`offline SQL on ${dialect}`, () => {
    let project: Project;
    before(async () => {
      project = await createProject(dialect);
      for (const spec of BOOKS_CHAIN) project.write(spec);
    });
    after(() => project.dispose());

    test('upgrade --sql prints exactly the statements an online upgrade executes', async () => {
      const offline = await upgradeSql(project.ctx(), 'head');
      const { conn, statements } = recording(await project.connect());
      await upgrade(project.ctx({ connection: conn }), 'head');
      assert.deepEqual(offlineStatements(offline), onlineWrites(project, statements));
    });

    test('downgrade --sql FROM:TO prints exactly the statements an online downgrade executes', async () => {
      const offline = await downgradeSql(project.ctx(), `${HEAD}:base`);
      const { conn, statements } = recording(await project.connect());
      await downgrade(project.ctx({ connection: conn }), 'base');
      const online = onlineWrites(project, statements);
      assert.deepEqual(offlineStatements(offline), online);
    });

    test('the script begins and commits each revision, creates the version table first and notes each step', async () => {
      const script = await upgradeSql(project.ctx(), 'head');
      const blocks = offlineStatements(script);
      assert.match(blocks[0]!, /^BEGIN/);
      assert.match(blocks[1]!, /^CREATE TABLE IF NOT EXISTS "?alembic_version"? \(\n {4}version_num VARCHAR\(32\) NOT NULL,/);
      assert.equal(blocks.filter((b) => b.startsWith('BEGIN')).length, 3);
      assert.equal(blocks.filter((b) => b === 'COMMIT').length, 3);
      assert.match(script, new RegExp(`-- Running upgrade  -> ${BOOKS_CHAIN[0]!.revision}, create books\n`));
      assert.match(script, new RegExp(`-- Running upgrade ${BOOKS_CHAIN[0]!.revision} -> ${BOOKS_CHAIN[1]!.revision}, add isbn\n`));
    });

    test('the script, run on an empty database, leaves it where an online upgrade would', async () => {
      const fresh = await createProject(dialect);
      try {
        const script = await upgradeSql(project.ctx(), 'head');
        await (await fresh.connect()).query(script);
        const rows = await fresh.query('SELECT version_num FROM alembic_version');
        assert.deepEqual(rows, [{ version_num: HEAD }]);
        const schema = await fresh.dialect.introspect(await fresh.connect());
        const books = schema.tables.find((t) => t.name === 'books');
        assert.deepEqual(books?.columns.map((c) => c.name), ['id', 'title', 'isbn']);
        assert.deepEqual(books?.indexes.map((i) => i.name), ['ix_books_isbn']);
      } finally {
        await fresh.dispose();
      }
    });

    test('nothing connects: the database may not even exist', async () => {
      const unreachable =
        dialect === 'sqlite'
          ? parseDatabaseUrl(`sqlite:///${join(project.dir, 'missing', 'never.db')}`, project.dir)
          : parseDatabaseUrl('postgresql://nobody@127.0.0.1:1/none', project.dir);
      const script = await upgradeSql(project.ctx({ url: unreachable }), 'head');
      assert.match(script, /COMMIT;\n/);
      assert.equal(existsSync(join(project.dir, 'missing')), false);
    });

    test('an upgrade range starts from its FROM revision, with the schema the earlier revisions built', async () => {
      const script = await upgradeSql(project.ctx(), `${BOOKS_CHAIN[0]!.revision}:head`);
      assert.doesNotMatch(script, /CREATE TABLE "?books"?/);
      assert.match(script, new RegExp(`UPDATE "?alembic_version"? SET version_num = '${BOOKS_CHAIN[1]!.revision}'`));
    });

    test('downgrade --sql without a range is a usage error', async () => {
      await assert.rejects(downgradeSql(project.ctx(), 'base'), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /FROM:TO/);
        return true;
      });
    });

    test('stamp --sql writes the version row and records checksums without any DDL', async () => {
      const script = await stampSql(project.ctx(), [HEAD]);
      assert.match(script, new RegExp(`INSERT INTO "?alembic_version"? \\(version_num\\) VALUES \\('${HEAD}'\\)`));
      assert.equal((script.match(/'stamp', '[0-9a-f]{64}'/g) ?? []).length, 3);
      assert.doesNotMatch(script, /CREATE TABLE "?books"?/);
    });
  });
}
