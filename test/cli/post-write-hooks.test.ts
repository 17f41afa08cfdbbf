/**
 * SPEC section 2 `postWriteHooks` through the built binary: a hook's progress line and its own
 * output go to stderr (as Alembic shows them), `-q` hides them; a failing hook still leaves the
 * new file's path on stdout, then one error line naming the hook and the file, exit 1.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCliProject, type CliProject } from '../helpers/cli-project.js';

function projectWithHooks(hooks: readonly { command: string }[]): CliProject {
  const project = createCliProject();
  assert.equal(project.run('init', 'migrations').status, 0);
  const config = JSON.parse(project.read('alembic.config.json')) as Record<string, unknown>;
  project.write('alembic.config.json', JSON.stringify({ ...config, postWriteHooks: hooks }));
  return project;
}

describe('post-write hooks on the command line', () => {
  test("a hook that succeeds shows its progress line and its own output on stderr; -q hides them", () => {
    const project = projectWithHooks([{ command: 'echo formatted 1 file; true' }, { command: 'echo a note >&2; true' }]);
    try {
      const result = project.run('revision', '-m', 'first');
      assert.equal(result.status, 0, result.stderr);
      const [file] = project.versionFiles();
      assert.equal(result.stdout, `${project.dir}/migrations/versions/${file ?? ''}\n`);
      assert.equal(
        result.stderr,
        'Running post write hook "echo formatted 1 file; true" ...\nformatted 1 file\ndone\n' +
          'Running post write hook "echo a note >&2; true" ...\na note\ndone\n',
      );
      const quiet = project.run('-q', 'revision', '-m', 'second');
      assert.equal(quiet.status, 0, quiet.stderr);
      assert.equal(quiet.stderr, '');
      assert.match(quiet.stdout, /_second\.ts\n$/);
    } finally {
      project.dispose();
    }
  });

  test('a hook that fails: the path on stdout, then one error line naming the hook and the file, exit 1', () => {
    const project = projectWithHooks([{ command: 'echo formatter broke >&2; exit 3' }]);
    try {
      const result = project.run('revision', '-m', 'first');
      assert.equal(result.status, 1, result.stderr);
      const [file] = project.versionFiles();
      const path = `${project.dir}/migrations/versions/${file ?? ''}`;
      assert.equal(result.stdout, `${path}\n`);
      assert.equal(
        result.stderr,
        'Running post write hook "echo formatter broke >&2; exit 3" ...\nformatter broke\n' +
          `alembic-ts: error: post-write hook \`echo formatter broke >&2; exit 3\` exited with code 3 on ${path}\n`,
      );
      const quiet = project.run('-q', 'revision', '-m', 'second', '--head', 'base', '--splice');
      assert.equal(quiet.status, 1);
      assert.match(quiet.stdout, /_second\.ts\n$/);
      assert.match(quiet.stderr, /^alembic-ts: error: post-write hook `echo formatter broke >&2; exit 3` exited with code 3 on \S+_second\.ts\n$/);
    } finally {
      project.dispose();
    }
  });
});
