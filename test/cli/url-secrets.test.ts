/**
 * Database URLs through the built binary: user info is read from the authority only (an `@`
 * in the query is data, as SQLAlchemy's make_url reads it), and no malformed URL lets any
 * part of a password reach stdout or stderr (errors, `current -v`, `--json`, `--sql`, the
 * driver's connection errors).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCliProject } from '../helpers/cli-project.js';
import { createPostgresDatabase } from '../helpers/databases.js';

const SECRET = 'Tr0ub4dor';

describe('database URLs on the command line', () => {
  test('an @ in the query string leaves the host alone, and the password is hidden', async () => {
    const database = await createPostgresDatabase();
    const project = createCliProject();
    try {
      assert.equal(project.run('init', 'migrations').status, 0);
      const base = new URL(database.url);
      const url = `postgresql://${base.username}:${SECRET}@${base.host}${base.pathname}?application_name=me@host`;
      const verbose = project.run('--url', url, 'current', '-v');
      assert.equal(verbose.status, 0, verbose.stderr);
      assert.match(verbose.stdout, new RegExp(`:\\*\\*\\*@${base.host}${base.pathname}\\?application_name=me@host`));
      const json = project.run('--json', '--url', url, 'current');
      assert.equal(json.status, 0, json.stderr);
      assert.equal(
        (JSON.parse(json.stdout) as { url: string }).url,
        `postgresql://${base.username}:***@${base.host}${base.pathname}?application_name=me@host`,
      );
      for (const result of [verbose, json]) assert.ok(!`${result.stdout}${result.stderr}`.includes(SECRET));
    } finally {
      project.dispose();
      await database.dispose();
    }
  });

  test('no malformed URL shows any part of the password', () => {
    const project = createCliProject();
    try {
      assert.equal(project.run('init', 'migrations').status, 0);
      assert.equal(project.run('revision', '-m', 'first').status, 0);
      const hostile = [
        `postgresql://app:${SECRET}/x@127.0.0.1/d`,
        `postgresql://app:x/${SECRET}@127.0.0.1/d`,
        `postgresql://app:x?${SECRET}@127.0.0.1/d`,
        `postgresql://app:x#${SECRET}@127.0.0.1/d`,
        `postgresql://app:a@b/${SECRET}@127.0.0.1`,
        `postgresql://app:a@b?${SECRET}=1@127.0.0.1/d`,
        `postgresql://app:12/${SECRET}@127.0.0.1`,
        `postgresql://app:12?${SECRET}=1@127.0.0.1`,
        `postgresql://app:${SECRET}%zz@127.0.0.1/d`,
        `postgresql://app:${SECRET}@127.0.0.1:1/d`,
        `postgresql://app@127.0.0.1:1/d?password=${SECRET}`,
      ];
      for (const url of hostile) {
        for (const args of [['current', '-v'], ['--json', 'current'], ['upgrade', 'head', '--sql']]) {
          const result = project.run('--url', url, ...args);
          const output = `${result.stdout}${result.stderr}`;
          assert.ok(!output.includes(SECRET), `${url} ${args.join(' ')}:\n${output}`);
          if (args[0] !== 'upgrade') assert.notEqual(result.status, 0, `${url} ${args.join(' ')}`);
        }
      }
    } finally {
      project.dispose();
    }
  });
});
