/**
 * Revision files that no longer tell the truth about the database: an applied revision
 * edited, an applied revision's file deleted, and a new revision branching from a parent that
 * was already superseded (two heads). Each time `upgrade head` refuses, says why, and runs
 * nothing: the database is byte for byte (SQLite) or row for row (PostgreSQL) as it was.
 */
import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { assertOneError, createFaultProject, fingerprint, tableNames, versionRows, type FaultProject } from './fault-project.js';

const A = 'da7a00000001';
const B = 'da7a00000002';
const C = 'da7a00000003';
const D = 'da7a00000004';

for (const dialect of DIALECTS) {
  describe(`tampered history on ${dialect}`, () => {
    let database: TestDatabase;
    let project: FaultProject;
    const paths = new Map<string, string>();
    const file = (revision: string): string => join(project.dir, paths.get(revision)!);
    /** Hides a revision file for the length of `fn`, as if it were deleted. */
    const without = async (revisions: readonly string[], fn: () => Promise<void>): Promise<void> => {
      for (const r of revisions) renameSync(file(r), `${file(r)}.hidden`);
      try {
        await fn();
      } finally {
        for (const r of revisions) renameSync(`${file(r)}.hidden`, file(r));
      }
    };

    before(async () => {
      database = await createDatabase(dialect);
      project = createFaultProject(database.url);
      const table = (name: string) => ({
        imports: ['integer', 'string'],
        upgrade: `op.createTable('${name}', { id: integer().primaryKey(), label: string(20) });`,
        downgrade: `op.dropTable('${name}');`,
      });
      paths.set(A, project.addRevision({ revision: A, message: 'table a', ...table('t_a') }));
      paths.set(B, project.addRevision({ revision: B, down: A, message: 'table b', ...table('t_b') }));
      const upgraded = project.run('upgrade', 'head');
      assert.equal(upgraded.status, 0, upgraded.stderr);
      paths.set(C, project.addRevision({ revision: C, down: B, message: 'table c', ...table('t_c') }));
    });
    after(async () => {
      project.dispose();
      await database.dispose();
    });

    test('an applied revision edited since: upgrade is refused, naming it and its file, and nothing runs', async () => {
      const original = readFileSync(file(A), 'utf8');
      const before = await fingerprint(dialect, database.url);
      writeFileSync(file(A), original.replace("label: string(20)", 'label: string(40)'));
      try {
        const refused = project.run('upgrade', 'head');
        assertOneError(refused, 1, new RegExp(`revision ${A} \\(.*${paths.get(A)!}\\) was edited after it was applied.*nothing was run`));
        assert.equal(await fingerprint(dialect, database.url), before);
      } finally {
        writeFileSync(file(A), original);
      }
    });

    test('the file of the current revision deleted: upgrade is refused, naming the revision', async () => {
      const before = await fingerprint(dialect, database.url);
      await without([B, C], async () => {
        const refused = project.run('upgrade', 'head');
        assertOneError(refused, 1, new RegExp(`the database is at revision ${B}, but no revision file has that id`));
      });
      assert.equal(await fingerprint(dialect, database.url), before);
    });

    test('the file of an applied ancestor deleted: upgrade is refused, naming the missing revision', async () => {
      const before = await fingerprint(dialect, database.url);
      await without([A], async () => {
        const refused = project.run('upgrade', 'head');
        assertOneError(refused, 1, new RegExp(`revision ${B} in .* revises ${A}, which does not exist`));
      });
      assert.equal(await fingerprint(dialect, database.url), before);
    });

    test('a new revision on a superseded parent makes two heads: upgrade head is refused with a suggestion to merge', async () => {
      paths.set(D, project.addRevision({
        revision: D,
        down: A,
        message: 'table d',
        imports: ['integer'],
        upgrade: "op.createTable('t_d', { id: integer().primaryKey() });",
        downgrade: "op.dropTable('t_d');",
      }));
      const before = await fingerprint(dialect, database.url);
      const refused = project.run('upgrade', 'head');
      const error = assertOneError(refused, 1, /several head revisions/);
      assert.match(error, new RegExp(`${C}.*${D}`));
      assert.match(refused.stderr, /^ {2}hint: .*alembic-ts merge heads/m);
      assert.equal(await fingerprint(dialect, database.url), before);

      const merge = project.run('merge', 'heads', '-m', 'join c and d');
      assert.equal(merge.status, 0, merge.stderr);
      const upgraded = project.run('upgrade', 'head');
      assert.equal(upgraded.status, 0, upgraded.stderr);
      assert.deepEqual((await versionRows(dialect, database.url)).length, 1);
      const tables = await tableNames(dialect, database.url);
      for (const t of ['t_a', 't_b', 't_c', 't_d']) assert.ok(tables.includes(t), `${t} exists after the merge`);
    });
  });
}
