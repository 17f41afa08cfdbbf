// `alembic-ts check | head`: the reader closes the pipe before the output is written.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { CLI, createCliProject, type CliProject } from '../helpers/cli-project.js';

describe('stdout closed by its reader', () => {
  let project: CliProject;

  before(() => {
    project = createCliProject();
    assert.equal(project.run('init', 'migrations').status, 0);
    project.write(
      'src/models.ts',
      "import { table, integer, string } from 'alembic-ts';\n" +
        "export const books = table('books', { id: integer().primaryKey(), title: string(200).notNull() });\n",
    );
  });

  after(() => project?.dispose());

  test('check still ends with its exit code and no EPIPE stack trace', async () => {
    const child = spawn(process.execPath, [CLI, 'check'], { cwd: project.dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
    assert.equal(status, 1, stderr);
  });
});
