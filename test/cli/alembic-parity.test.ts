/**
 * Where a user coming from Alembic expects the same answer: commands and options compared
 * with Alembic 1.8.1's CLI on the same revision graph, with the built binary in a fresh
 * project, on both dialects. The graph: aaaa -> bbbb -> cccc, and a branch `feat` from bbbb
 * (dddd -> eeee).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCliProject, type CliProject } from '../helpers/cli-project.js';
import { createDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { versionRows, withDb } from '../helpers/db-inspect.js';

const A = 'aaaa00000001';
const B = 'bbbb00000002';
const C = 'cccc00000003';
const D = 'dddd00000004';
const E = 'eeee00000005';

function revision(project: CliProject, ...args: string[]): void {
  const made = project.run('revision', ...args);
  assert.equal(made.status, 0, made.stderr);
}

/** A project with the graph above, its config pointing at `url`. */
function graphProject(url: string, env: NodeJS.ProcessEnv = {}): CliProject {
  const project = createCliProject(env);
  assert.equal(project.run('init', 'migrations').status, 0);
  project.write('alembic.config.json', JSON.stringify({ scriptLocation: 'migrations', url, models: 'src/models.ts' }));
  project.write('src/models.ts', 'export {};\n');
  revision(project, '-m', 'one', '--rev-id', A);
  revision(project, '-m', 'two', '--rev-id', B);
  revision(project, '-m', 'three', '--rev-id', C);
  revision(project, '-m', 'feat one', '--rev-id', D, '--head', B, '--splice', '--branch-label', 'feat');
  revision(project, '-m', 'feat two', '--rev-id', E, '--head', 'feat@head');
  return project;
}

for (const dialect of DIALECTS) {
  describe(`Alembic's answers on ${dialect}`, () => {
    let database: TestDatabase;
    let project: CliProject;
    before(async () => {
      database = await createDatabase(dialect);
      project = graphProject(database.url, { EDITOR: 'echo', VISUAL: '' });
    });
    after(async () => {
      project.dispose();
      await database.dispose();
    });

    test('a version row no revision file declares: current fails naming it, as Alembic does', async () => {
      assert.equal(project.run('stamp', '--purge', C).status, 0);
      await withDb(dialect, database.url, (db) => db.query("INSERT INTO alembic_version (version_num) VALUES ('feedfacecafe')"));
      try {
        const shown = project.run('current');
        assert.equal(shown.status, 1);
        assert.equal(shown.stdout, `${C} (head)\n`, 'the known rows are still listed');
        assert.match(shown.stderr, /^alembic-ts: error: the database is at revision feedfacecafe, but no revision file has that id\n {2}hint: /);
        assert.equal(project.run('--json', 'current').status, 1);
        assert.equal(project.run('show', 'current').status, 1);
      } finally {
        assert.equal(project.run('stamp', '--purge', 'base').status, 0);
      }
    });

    test('current -v starts with the database it describes, as Alembic does', () => {
      assert.equal(project.run('stamp', '--purge', B).status, 0);
      const shown = project.run('current', '-v');
      assert.equal(shown.status, 0, shown.stderr);
      const [first, second] = shown.stdout.split('\n');
      assert.match(first ?? '', /^Current revision\(s\) for (sqlite|postgres(ql)?):\/\/.*:$/);
      assert.equal(second, `Rev: ${B} (branchpoint)`);
    });

    test('show current and edit current name the current revisions', () => {
      assert.equal(project.run('stamp', '--purge', C, E).status, 0);
      const shown = project.run('show', 'current');
      assert.equal(shown.status, 0, shown.stderr);
      assert.deepEqual(shown.stdout.match(/^Rev: .*$/gm), [`Rev: ${C} (head)`, `Rev: ${E} (head)`]);
      const edited = project.run('edit', 'current');
      assert.equal(edited.status, 0, edited.stderr);
      assert.match(edited.stdout, new RegExp(`${C}_three\\.ts\\n.*${E}_feat_two\\.ts\\n$`));

      assert.equal(project.run('stamp', '--purge', 'base').status, 0);
      assert.equal(project.run('show', 'current').stdout, '');
      const none = project.run('edit', 'current');
      assert.equal(none.status, 1);
      assert.match(none.stderr, /^alembic-ts: error: the database has no current revision$/m);
    });

    test('history marks (current) only with -i, even when the range names current', () => {
      assert.equal(project.run('stamp', '--purge', B).status, 0);
      const plain = project.run('history', '-r', 'current:');
      assert.equal(plain.status, 0, plain.stderr);
      assert.match(plain.stdout, new RegExp(`^${A} -> ${B} \\(branchpoint\\), two$`, 'm'));
      assert.doesNotMatch(plain.stdout, /\(current\)/);
      const marked = project.run('history', '-i', '-r', 'current:');
      assert.match(marked.stdout, new RegExp(`^${A} -> ${B} \\(current\\) \\(branchpoint\\), two$`, 'm'));
    });

    test('check with two heads says to run `upgrade heads`, since `upgrade head` would fail', () => {
      assert.equal(project.run('stamp', '--purge', B).status, 0);
      const checked = project.run('check');
      assert.equal(checked.status, 1);
      assert.match(checked.stdout, new RegExp(`not at head \\(at ${B}, heads are ${C}, ${E}\\); run \`alembic-ts upgrade heads\``));
      assert.equal(project.run('upgrade', 'head').status, 1);
      assert.equal(project.run('upgrade', 'heads').status, 0);
    });

    test('stamp refuses targets on one line of history (one row would be redundant) and changes nothing', async () => {
      assert.equal(project.run('stamp', '--purge', A).status, 0);
      const refused = project.run('stamp', A, C);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, new RegExp(`^alembic-ts: error: requested revision ${C} .* overlaps with ${A}`));
      assert.deepEqual(await versionRows(dialect, database.url), [A]);
    });

    test('downgrade and stamp accept --tag, as upgrade does', () => {
      assert.equal(project.run('downgrade', '--tag', 'release-1', 'base').status, 0);
      assert.equal(project.run('stamp', '--tag', 'release-1', B).status, 0);
      assert.equal(project.run('current').stdout, `${B} (branchpoint)\n`);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`current with a dependency on another branch, on ${dialect}`, () => {
    test("current also lists the head of a branch a row depends on, as Alembic's (effective head)", async () => {
      const database = await createDatabase(dialect);
      const project = createCliProject();
      try {
        assert.equal(project.run('init', 'migrations').status, 0);
        project.write('alembic.config.json', JSON.stringify({ scriptLocation: 'migrations', url: database.url }));
        revision(project, '-m', 'app', '--rev-id', A);
        revision(project, '-m', 'lib', '--rev-id', B, '--head', 'base');
        revision(project, '-m', 'app uses lib', '--rev-id', C, '--head', A, '--depends-on', B);
        assert.equal(project.run('upgrade', 'heads').status, 0);
        assert.deepEqual(await versionRows(dialect, database.url), [C], 'the dependency leaves no row of its own');
        assert.equal(project.run('current').stdout, `${C} (head)\n${B} (effective head)\n`);
        assert.equal(project.run('heads').stdout, `${B} (effective head)\n${C} (head)\n`);
        assert.equal(project.run('heads', '--resolve-dependencies').stdout, `${C} (head)\n`);
      } finally {
        project.dispose();
        await database.dispose();
      }
    });
  });
}

describe("Alembic's answers without a database", () => {
  test('revision and merge without -m write "empty message", as Alembic does', () => {
    const project = createCliProject();
    try {
      assert.equal(project.run('init', 'migrations').status, 0);
      revision(project, '--rev-id', A);
      revision(project, '--rev-id', B, '--head', 'base');
      const merged = project.run('merge', 'heads', '--rev-id', C);
      assert.equal(merged.status, 0, merged.stderr);
      assert.deepEqual(project.versionFiles(), [`${A}_.ts`, `${B}_.ts`, `${C}_.ts`]);
      assert.match(project.read(`migrations/versions/${A}_.ts`), /^\/\*\*\n \* empty message\n/);
      assert.equal(project.run('history').stdout.split('\n')[0], `${A}, ${B} -> ${C} (head) (mergepoint), empty message`);
    } finally {
      project.dispose();
    }
  });

  test('--sql ends as Alembic\'s script does: the last statement, then one blank line', () => {
    const project = createCliProject();
    try {
      assert.equal(project.run('init', 'migrations').status, 0);
      revision(project, '-m', 'one', '--rev-id', A);
      revision(project, '-m', 'two', '--rev-id', B);
      const script = project.run('upgrade', '--sql', `${A}:${B}`);
      assert.equal(script.status, 0, script.stderr);
      assert.match(script.stdout, /^COMMIT;\n\n$/m);
      assert.ok(script.stdout.endsWith(';\n\n') && !script.stdout.endsWith('\n\n\n'), JSON.stringify(script.stdout.slice(-12)));
      assert.equal(project.run('upgrade', '--sql', `${B}:${A}`).stdout, '', 'nothing to do prints nothing');
    } finally {
      project.dispose();
    }
  });

  test('no command: the help, then one error line, exit 2', () => {
    const project = createCliProject();
    try {
      const bare = project.run();
      assert.equal(bare.status, 2);
      assert.match(bare.stderr, /^Usage: alembic-ts /);
      assert.match(bare.stderr, /\nalembic-ts: error: no command given\n$/);
    } finally {
      project.dispose();
    }
  });

  test("Alembic's spelling list_templates works", () => {
    const project = createCliProject();
    try {
      const listed = project.run('list_templates');
      assert.equal(listed.status, 0, listed.stderr);
      assert.match(listed.stdout, /^generic - /m);
    } finally {
      project.dispose();
    }
  });

  test('+0 and -0 are refused with a hint that makes sense', () => {
    const project = createCliProject();
    try {
      assert.equal(project.run('init', 'migrations').status, 0);
      revision(project, '-m', 'one', '--rev-id', A);
      for (const [command, target] of [['upgrade', '+0'], ['downgrade', '-0']] as const) {
        const refused = project.run(command, target);
        assert.equal(refused.status, 1);
        assert.match(refused.stderr, /hint: A relative target moves at least one step/);
      }
    } finally {
      project.dispose();
    }
  });
});
