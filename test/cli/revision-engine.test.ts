/**
 * The revision engine as a user drives it, with the built binary in a fresh project on both
 * dialects: init, three revisions with real DDL, upgrade, current, downgrade -1, history -i,
 * stamp base, upgrade +2, downgrade base; the printed lines and the database after each step.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCliProject, type CliProject } from '../helpers/cli-project.js';
import { createDatabase, DIALECTS } from '../helpers/databases.js';
import { tableNames, versionRows } from '../helpers/db-inspect.js';

const REVISIONS = [
  { id: 'aaaa00000001', message: 'create authors', up: "op.createTable('authors', { id: integer().primaryKey(), name: string(100).notNull() });", down: "op.dropTable('authors');" },
  { id: 'bbbb00000002', message: 'create books', up: "op.createTable('books', { id: integer().primaryKey(), author_id: integer().references('authors.id') });", down: "op.dropTable('books');" },
  { id: 'cccc00000003', message: 'add isbn', up: "op.addColumn('books', 'isbn', string(13));", down: "op.dropColumn('books', 'isbn');" },
] as const;

function writeRevisions(project: CliProject): void {
  for (const rev of REVISIONS) {
    const made = project.run('revision', '-m', rev.message, '--rev-id', rev.id);
    assert.equal(made.status, 0, made.stderr);
    const path = made.stdout.trim();
    const file = project.read(path.slice(project.dir.length + 1));
    const body = file
      .replace("import { type Operations } from 'alembic-ts';", "import { type Operations, integer, string } from 'alembic-ts';")
      .replace(/(upgrade\(op: Operations\): Promise<void> \{\n)\n?/, `$1  ${rev.up}\n`)
      .replace(/(downgrade\(op: Operations\): Promise<void> \{\n)\n?/, `$1  ${rev.down}\n`);
    project.write(path.slice(project.dir.length + 1), body);
  }
}

const userTables = async (dialect: (typeof DIALECTS)[number], url: string): Promise<string[]> =>
  (await tableNames(dialect, url)).filter((t) => !t.startsWith('alembic_'));

for (const dialect of DIALECTS) {
  describe(`the revision engine on ${dialect}`, () => {
    test('init, upgrade, current, downgrade, history, stamp, relative targets', async () => {
      const database = await createDatabase(dialect);
      const project = createCliProject();
      try {
        assert.equal(project.run('init', 'migrations').status, 0);
        const again = project.run('init', 'migrations');
        assert.equal(again.status, 2, 'init refuses to overwrite');
        assert.match(again.stderr, /^alembic-ts: error: .*alembic\.config\.json already exists/);
        project.write('alembic.config.json', JSON.stringify({ scriptLocation: 'migrations', url: database.url }));
        writeRevisions(project);

        const heads = project.run('heads');
        assert.equal(heads.stdout, 'cccc00000003 (head)\n');

        const up = project.run('upgrade', 'head');
        assert.equal(up.status, 0, up.stderr);
        assert.deepEqual(up.stderr.trim().split('\n').map((l) => l.replace(/ \(\d+ ms\)$/, '')), [
          'Running upgrade  -> aaaa00000001, create authors',
          'Running upgrade aaaa00000001 -> bbbb00000002, create books',
          'Running upgrade bbbb00000002 -> cccc00000003, add isbn',
        ]);
        assert.deepEqual(await userTables(dialect, database.url), ['authors', 'books']);
        assert.deepEqual(await versionRows(dialect, database.url), ['cccc00000003']);

        assert.equal(project.run('current').stdout, 'cccc00000003 (head)\n');

        const down = project.run('downgrade', '-1');
        assert.equal(down.status, 0, down.stderr);
        assert.match(down.stderr, /^Running downgrade cccc00000003 -> bbbb00000002, add isbn \(\d+ ms\)$/m);
        assert.deepEqual(await versionRows(dialect, database.url), ['bbbb00000002']);

        const history = project.run('history', '-i');
        assert.equal(
          history.stdout,
          [
            'bbbb00000002 -> cccc00000003 (head), add isbn',
            'aaaa00000001 -> bbbb00000002 (current), create books',
            '<base> -> aaaa00000001, create authors',
            '',
          ].join('\n'),
        );

        const stamped = project.run('stamp', 'base');
        assert.equal(stamped.status, 0, stamped.stderr);
        assert.deepEqual(await versionRows(dialect, database.url), []);
        assert.deepEqual(await userTables(dialect, database.url), ['authors', 'books'], 'stamp runs no migration');
        assert.equal(project.run('current').stdout, '');

        // The tables are still there, so take them away by hand before re-running from base.
        assert.equal(project.run('stamp', 'bbbb00000002').status, 0);
        assert.equal(project.run('downgrade', 'base').status, 0);
        assert.deepEqual(await userTables(dialect, database.url), []);

        const plus2 = project.run('upgrade', '+2');
        assert.equal(plus2.status, 0, plus2.stderr);
        assert.deepEqual(await versionRows(dialect, database.url), ['bbbb00000002']);
        assert.deepEqual(await userTables(dialect, database.url), ['authors', 'books']);

        const tooFar = project.run('upgrade', '+5');
        assert.equal(tooFar.status, 1);
        assert.match(tooFar.stderr, /^alembic-ts: error: '\+5' goes past the head/);

        const base = project.run('downgrade', 'base');
        assert.equal(base.status, 0, base.stderr);
        assert.deepEqual(await userTables(dialect, database.url), []);
        assert.deepEqual(await versionRows(dialect, database.url), []);
        assert.equal(project.run('current', '--json').status, 0);
      } finally {
        project.dispose();
        await database.dispose();
      }
    });
  });
}
