import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ProgressEvent } from '../../src/runtime/context.js';
import { current, downgrade, upgrade } from '../../src/runtime/migrate.js';
import { stamp } from '../../src/runtime/stamp.js';
import { DIALECTS } from '../helpers/databases.js';
import { BOOKS_CHAIN, createProject, type Project } from './runtime-fixture.js';

const [FIRST, SECOND, THIRD] = BOOKS_CHAIN.map((spec) => spec.revision) as [string, string, string];

async function columns(project: Project, table: string): Promise<string[]> {
  const schema = await project.dialect.introspect(await project.connect());
  return schema.tables.find((t) => t.name === table)?.columns.map((c) => c.name) ?? [];
}

async function indexes(project: Project, table: string): Promise<string[]> {
  const schema = await project.dialect.introspect(await project.connect());
  return schema.tables.find((t) => t.name === table)?.indexes.map((i) => i.name) ?? [];
}

async function history(project: Project): Promise<{ revision: string; direction: string; status: string }[]> {
  const rows = await project.runtime.readHistory(await project.connect(), { schema: null, name: 'alembic_ts_history' });
  return rows.map(({ revision, direction, status }) => ({ revision, direction, status }));
}

for (const dialect of DIALECTS) {
  describe(`runner on ${dialect}: a three-revision chain`, () => {
    let project: Project;
    before(async () => {
      project = await createProject(dialect);
      for (const spec of BOOKS_CHAIN) project.write(spec);
    });
    after(() => project.dispose());

    test('current on a fresh database has no revision and creates nothing', async () => {
      assert.deepEqual(await current(project.ctx()), { heads: [], unfinished: [], checksumProblems: [] });
      assert.deepEqual(await columns(project, 'alembic_version'), []);
    });

    test('upgrade head runs the three revisions in order and reports each as Alembic does', async () => {
      const events: ProgressEvent[] = [];
      const result = await upgrade(project.ctx({ onProgress: (e) => events.push(e) }), 'head');
      assert.deepEqual(result.heads, [THIRD]);
      assert.deepEqual(
        events.map(({ direction, from, to, message }) => ({ direction, from, to, message })),
        [
          { direction: 'up', from: [], to: [FIRST], message: 'create books' },
          { direction: 'up', from: [FIRST], to: [SECOND], message: 'add isbn' },
          { direction: 'up', from: [SECOND], to: [THIRD], message: 'index isbn' },
        ],
      );
      assert.ok(events.every((e) => e.kind === 'step' && e.durationMs >= 0));
      assert.deepEqual(await columns(project, 'books'), ['id', 'title', 'isbn']);
      assert.deepEqual(await indexes(project, 'books'), ['ix_books_isbn']);
      assert.deepEqual(await project.query('SELECT version_num FROM alembic_version'), [{ version_num: THIRD }]);
    });

    test('each applied step leaves one finished history row with the file checksum', async () => {
      const rows = await project.runtime.readHistory(await project.connect(), { schema: null, name: 'alembic_ts_history' });
      assert.deepEqual(
        rows.map((r) => [r.revision, r.direction, r.status]),
        [FIRST, SECOND, THIRD].map((rev) => [rev, 'up', 'finished']),
      );
      const checksums = new Map(project.ctx().graph.revisions.map((n) => [n.revision, n.script.checksum]));
      for (const row of rows) {
        assert.equal(row.checksum, checksums.get(row.revision));
        assert.ok(row.durationMs !== null && row.durationMs >= 0);
      }
    });

    test('upgrade at head does nothing', async () => {
      const result = await upgrade(project.ctx(), 'head');
      assert.deepEqual(result, { steps: [], heads: [THIRD] });
    });

    test('downgrade -1 undoes the last revision only', async () => {
      const result = await downgrade(project.ctx(), '-1');
      assert.deepEqual(
        result.steps.map((s) => [s.direction, s.from, s.to]),
        [['down', [THIRD], [SECOND]]],
      );
      assert.deepEqual(result.heads, [SECOND]);
      assert.deepEqual(await indexes(project, 'books'), []);
      assert.deepEqual((await current(project.ctx())).heads, [SECOND]);
    });

    test('downgrade base undoes everything and empties the version table', async () => {
      const result = await downgrade(project.ctx(), 'base');
      assert.deepEqual(result.steps.map((s) => s.revision), [SECOND, FIRST]);
      assert.deepEqual(result.heads, []);
      assert.deepEqual(await columns(project, 'books'), []);
      assert.deepEqual(await project.query('SELECT version_num FROM alembic_version'), []);
      assert.deepEqual((await history(project)).slice(3), [
        { revision: THIRD, direction: 'down', status: 'finished' },
        { revision: SECOND, direction: 'down', status: 'finished' },
        { revision: FIRST, direction: 'down', status: 'finished' },
      ]);
    });

    test('upgrade +2 runs two revisions', async () => {
      const result = await upgrade(project.ctx(), '+2');
      assert.deepEqual(result.steps.map((s) => s.revision), [FIRST, SECOND]);
      assert.deepEqual(result.heads, [SECOND]);
    });

    test('stamp moves the version table without running anything', async () => {
      const result = await stamp(project.ctx(), [THIRD]);
      assert.deepEqual(result.heads, [THIRD]);
      assert.deepEqual(await indexes(project, 'books'), []);
      assert.deepEqual((await current(project.ctx())).heads, [THIRD]);
      await stamp(project.ctx(), [SECOND]);
      assert.deepEqual((await current(project.ctx())).heads, [SECOND]);
    });

    test('stamp base empties the version table; stamp --purge replaces rows naming unknown revisions', async () => {
      await stamp(project.ctx(), ['base']);
      assert.deepEqual((await current(project.ctx())).heads, []);
      await project.query("INSERT INTO alembic_version (version_num) VALUES ('deadbeef0000')");
      const result = await stamp(project.ctx(), [FIRST], { purge: true });
      assert.deepEqual(result.heads, [FIRST]);
      assert.deepEqual(await project.query('SELECT version_num FROM alembic_version'), [{ version_num: FIRST }]);
    });
  });
}
