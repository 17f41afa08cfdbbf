import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { MigrationError } from '../../src/errors.js';
import { current, upgrade } from '../../src/runtime/migrate.js';
import { stamp } from '../../src/runtime/stamp.js';
import { DIALECTS, type DialectName } from '../helpers/databases.js';
import { BOOKS_CHAIN, createProject, type Project } from './runtime-fixture.js';

const FIRST = BOOKS_CHAIN[0]!;
const HISTORY = { schema: null, name: 'alembic_ts_history' };

/** A statement that keeps the server busy long enough to kill the process running it. */
const LONG_STATEMENT: Record<DialectName, string> = {
  postgresql: 'SELECT pg_sleep(60)',
  sqlite: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c',
};

async function tables(project: Project): Promise<string[]> {
  const schema = await project.dialect.introspect(await project.connect());
  return schema.tables.map((t) => t.name).filter((name) => !name.startsWith('alembic'));
}

for (const dialect of DIALECTS) {
  describe(`runner on ${dialect}: revisions that run outside a transaction`, () => {
    let project: Project;
    before(async () => {
      project = await createProject(dialect);
      project.write(FIRST);
    });
    after(() => project.dispose());

    test('a finished one leaves one history row, started then finished', async () => {
      project.write({
        revision: 'nontx0000002',
        down: FIRST.revision,
        extra: 'export const transactional = false;',
        upgrade: "op.createTable('notes', { id: integer().primaryKey() });",
      });
      const result = await upgrade(project.ctx(), 'head');
      assert.deepEqual(result.steps.map((s) => [s.revision, s.transactional]), [
        [FIRST.revision, true],
        ['nontx0000002', false],
      ]);
      const rows = await project.runtime.readHistory(await project.connect(), HISTORY);
      assert.deepEqual(rows.map((r) => [r.revision, r.status]), [
        [FIRST.revision, 'finished'],
        ['nontx0000002', 'finished'],
      ]);
      assert.ok(rows[1]!.durationMs !== null);
    });

    test('one that fails half-way keeps what ran and is reported as unfinished on the next run', async () => {
      const path = project.write({
        revision: 'nontx0000003',
        down: 'nontx0000002',
        message: 'two steps',
        extra: 'export const transactional = false;',
        upgrade: "op.createTable('tags', { id: integer().primaryKey() });\n  op.execute('INSERT INTO no_such_table (id) VALUES (1)');",
      });
      await assert.rejects(upgrade(project.ctx(), 'head'), (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.equal(error.code, 'E_STATEMENT_FAILED');
        assert.match(error.hint ?? '', /outside a transaction/);
        return true;
      });
      assert.deepEqual(await tables(project), ['books', 'notes', 'tags']);
      assert.deepEqual((await current(project.ctx())).unfinished.map((u) => [u.revision, u.direction]), [['nontx0000003', 'up']]);

      await assert.rejects(upgrade(project.ctx(), 'head'), (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.equal(error.code, 'E_UNFINISHED_REVISION');
        assert.ok(error.message.includes('nontx0000003') && error.message.includes(path), error.message);
        assert.match(error.hint ?? '', /alembic-ts stamp nontx0000003/);
        assert.match(error.hint ?? '', /alembic-ts stamp nontx0000002/);
        return true;
      });
      assert.deepEqual(await tables(project), ['books', 'notes', 'tags']);
    });

    test('stamp after fixing by hand resolves it, and the next run goes on', async () => {
      await project.query('DROP TABLE tags');
      await stamp(project.ctx(), ['nontx0000002']);
      assert.deepEqual((await current(project.ctx())).unfinished, []);
      const rows = await project.runtime.readHistory(await project.connect(), HISTORY);
      assert.deepEqual(rows.filter((r) => r.revision === 'nontx0000003').map((r) => r.status), ['resolved']);
      project.write({
        revision: 'nontx0000003',
        down: 'nontx0000002',
        file: 'nontx0000003_fixed.ts',
        extra: 'export const transactional = false;',
        upgrade: "op.createTable('tags', { id: integer().primaryKey() });",
      });
      rmSync(project.pathOf('nontx0000003'));
      const result = await upgrade(project.ctx(), 'head');
      assert.deepEqual(result.steps.map((s) => s.revision), ['nontx0000003']);
    });

    test('a process killed in the middle leaves the revision started, and the next run stops on it', async () => {
      project.write({
        revision: 'nontx0000004',
        down: 'nontx0000003',
        extra: 'export const transactional = false;',
        upgrade: `op.createTable('crash', { id: integer().primaryKey() });\n  op.execute(${JSON.stringify(LONG_STATEMENT[dialect])});`,
      });
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'runtime-child.ts'), project.versions, project.db.url, 'head'],
        { stdio: 'ignore' },
      );
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const conn = await project.connect();
      for (let i = 0; ; i++) {
        const started = await project.runtime.readHistory(conn, HISTORY, 'started');
        if (started.length > 0 && (await tables(project)).includes('crash')) break;
        assert.ok(i < 300, 'the child never reached the long statement');
        await sleep(100);
      }
      child.kill('SIGKILL');
      await exited;
      await assert.rejects(upgrade(project.ctx(), 'head'), { code: 'E_UNFINISHED_REVISION' });
      assert.deepEqual((await current(project.ctx())).heads, ['nontx0000003']);
    });
  });
}

describe('runner on postgresql: CREATE INDEX CONCURRENTLY', () => {
  let project: Project;
  before(async () => {
    project = await createProject('postgresql');
    project.write(FIRST);
    project.write({
      revision: 'conc00000002',
      down: FIRST.revision,
      upgrade: "op.createIndex('ix_books_title', 'books', ['title'], { concurrently: true });",
    });
  });
  after(() => project.dispose());

  test('runs outside a transaction without the revision saying so, since the server refuses it inside one', async () => {
    const result = await upgrade(project.ctx(), 'head');
    assert.deepEqual(result.steps.map((s) => [s.revision, s.transactional]), [
      [FIRST.revision, true],
      ['conc00000002', false],
    ]);
    const schema = await project.dialect.introspect(await project.connect());
    assert.deepEqual(schema.tables.find((t) => t.name === 'books')?.indexes.map((i) => i.name), ['ix_books_title']);
  });
});

describe('runner on sqlite: a table rebuild in a revision outside a transaction', () => {
  let project: Project;
  before(async () => {
    project = await createProject('sqlite');
    project.write({ ...FIRST, upgrade: `${FIRST.upgrade}\n  op.bulkInsert('books', [{ id: 1, title: '' }]);` });
    await upgrade(project.ctx(), FIRST.revision);
  });
  after(() => project.dispose());

  test('is all or nothing: a failed copy leaves the table as it was and no temporary table', async () => {
    project.write({
      revision: 'nontx0000009',
      down: FIRST.revision,
      extra: 'export const transactional = false;',
      upgrade: "op.createCheckConstraint('ck_books_title', 'books', 'length(title) > 0');",
    });
    await assert.rejects(upgrade(project.ctx(), 'head'), /CHECK constraint failed: ck_books_title/);
    assert.deepEqual(await tables(project), ['books']);
    assert.deepEqual(await project.query('SELECT id, title FROM books'), [{ id: 1, title: '' }]);
    const schema = await project.dialect.introspect(await project.connect());
    assert.deepEqual(schema.tables.find((t) => t.name === 'books')?.checkConstraints, []);
  });
});
