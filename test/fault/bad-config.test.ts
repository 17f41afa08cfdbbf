/**
 * Bad configuration, bad flags and databases that cannot be reached. Each gives one error
 * line (`alembic-ts: error: ...`, maybe a `  hint:` line), the documented exit code (2 for
 * usage and config, 1 otherwise), no hang, and leaves the database as it was. A password in
 * the URL never appears in any output, whatever fails and however it is given.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createDatabase, DIALECTS, type DialectName, type TestDatabase } from '../helpers/databases.js';
import { assertOneError, createFaultProject, fingerprint, type FaultProject } from './fault-project.js';
import { passwordRefusingServer, silentServer } from './loopback-servers.js';

interface BadInput {
  readonly name: string;
  /** The config file to write as `bad.json` (text), if the case needs one. */
  readonly config?: (url: string) => string;
  readonly args: (url: string) => string[];
  readonly exitCode: number;
  readonly error: RegExp;
}

const upgrade = ['upgrade', 'head'];
const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** The same on every dialect. */
const CONFIG_AND_USAGE: readonly BadInput[] = [
  {
    name: 'a config file that is not valid JSON',
    config: (url) => `{\n  "url": "${url}",\n  "scriptLocation": "migrations"\n`,
    args: () => ['-c', 'bad.json', ...upgrade],
    exitCode: 2,
    error: /invalid JSON in \/.*\/bad\.json at line \d+, column \d+/,
  },
  {
    name: 'an unknown config key',
    config: (url) => json({ url, scriptLocaton: 'migrations' }),
    args: () => ['-c', 'bad.json', ...upgrade],
    exitCode: 2,
    error: /unknown key "scriptLocaton" in \/.*\/bad\.json \(did you mean "scriptLocation"\?\)/,
  },
  {
    name: 'a config value of the wrong type',
    config: (url) => json({ url, transactionPerMigration: 'yes' }),
    args: () => ['-c', 'bad.json', ...upgrade],
    exitCode: 2,
    error: /wrong type for "transactionPerMigration" in \/.*\/bad\.json/,
  },
  {
    name: 'no database URL anywhere',
    config: () => json({ scriptLocation: 'migrations' }),
    args: () => ['-c', 'bad.json', ...upgrade],
    exitCode: 2,
    error: /no database URL: set "url" in \/.*\/bad\.json, pass --url/,
  },
  {
    name: 'models naming a file that is not there (as init leaves it)',
    config: (url) => json({ url, scriptLocation: 'migrations', models: 'src/no-such-models.ts' }),
    args: () => ['-c', 'bad.json', 'check'],
    exitCode: 2,
    error: /"models" in \/.*\/bad\.json names \/.*\/src\/no-such-models\.ts, which does not exist/,
  },
  {
    name: 'a scriptLocation that is not a folder (a typo must not read as an empty history)',
    config: (url) => json({ url, scriptLocation: 'migratons' }),
    args: () => ['-c', 'bad.json', ...upgrade],
    exitCode: 2,
    error: /"scriptLocation" in \/.*\/bad\.json names \/.*\/migratons, which is not a folder/,
  },
  {
    name: 'an unsupported URL scheme',
    args: () => ['--url', 'mysql://app@127.0.0.1:3306/app', ...upgrade],
    exitCode: 2,
    error: /unsupported database URL scheme "mysql"/,
  },
  {
    name: 'an unknown command',
    args: () => ['upgarde', 'head'],
    exitCode: 2,
    error: /unknown command 'upgarde'/,
  },
  {
    name: 'an unknown option',
    args: () => ['upgrade', 'head', '--dry-run'],
    exitCode: 2,
    error: /unknown option '--dry-run'/,
  },
  {
    name: 'a lock timeout that is not a number',
    args: () => ['--lock-timeout', 'soon', ...upgrade],
    exitCode: 2,
    error: /--lock-timeout expects a number of seconds >= 0, got "soon"/,
  },
  {
    name: 'an -x argument without a value',
    args: () => ['-x', 'tenant', ...upgrade],
    exitCode: 2,
    error: /-x expects key=value, got "tenant"/,
  },
];

const SQLITE_ONLY: readonly BadInput[] = [
  {
    name: 'a SQLite URL whose folder does not exist',
    args: () => ['--url', 'sqlite:///no-such-folder/app.db', ...upgrade],
    exitCode: 1,
    error: /could not open the SQLite database \/.*\/no-such-folder\/app\.db: .*directory does not exist/,
  },
  {
    name: 'a SQLite URL naming a file that is not a database',
    args: () => ['--url', 'sqlite:///migrations/script.ts.tmpl', ...upgrade],
    exitCode: 1,
    error: /could not open the SQLite database \/.*\/migrations\/script\.ts\.tmpl: file is not a database/,
  },
];

const POSTGRES_ONLY: readonly BadInput[] = [
  {
    name: 'a closed port on the loopback address',
    args: () => ['--url', 'postgresql://postgres@127.0.0.1:1/app', ...upgrade],
    exitCode: 1,
    error: /could not connect to PostgreSQL at 127\.0\.0\.1:1\/app as postgres: .*ECONNREFUSED/,
  },
  {
    name: 'a database that does not exist',
    args: (url) => ['--url', `${url}_missing`, ...upgrade],
    exitCode: 1,
    error: /could not connect to PostgreSQL at .*_missing as postgres: database ".*_missing" does not exist/,
  },
  {
    name: 'a role that does not exist',
    args: (url) => ['--url', url.replace('postgres@', 'nobody_here@'), ...upgrade],
    exitCode: 1,
    error: /could not connect to PostgreSQL at .* as nobody_here: role "nobody_here" does not exist/,
  },
  {
    name: 'an unknown PostgreSQL URL parameter',
    args: (url) => ['--url', `${url}?sslmod=require`, ...upgrade],
    exitCode: 2,
    error: /unknown PostgreSQL URL parameter "sslmod"/,
  },
];

const casesFor = (dialect: DialectName): readonly BadInput[] => [...CONFIG_AND_USAGE, ...(dialect === 'sqlite' ? SQLITE_ONLY : POSTGRES_ONLY)];

for (const dialect of DIALECTS) {
  describe(`bad configuration, flags and URLs on ${dialect}`, () => {
    let database: TestDatabase;
    let project: FaultProject;
    before(async () => {
      database = await createDatabase(dialect);
      project = createFaultProject(database.url);
      project.addRevision({
        revision: 'bc0000000001',
        message: 'applied',
        imports: ['integer'],
        upgrade: "op.createTable('applied', { id: integer().primaryKey() });",
      });
      assert.equal(project.run('upgrade', 'head').status, 0);
      project.addRevision({
        revision: 'bc0000000002',
        down: 'bc0000000001',
        message: 'pending',
        imports: ['integer'],
        upgrade: "op.createTable('pending', { id: integer().primaryKey() });",
      });
    });
    after(async () => {
      project.dispose();
      await database.dispose();
    });

    for (const bad of casesFor(dialect)) {
      test(`${bad.name}: exit ${bad.exitCode}, one error line, database untouched`, async () => {
        if (bad.config !== undefined) project.write('bad.json', bad.config(database.url));
        const before = await fingerprint(dialect, database.url);
        assertOneError(project.run(...bad.args(database.url)), bad.exitCode, bad.error);
        assert.equal(await fingerprint(dialect, database.url), before);
      });
    }
  });
}

describe('PostgreSQL servers that refuse or never answer (loopback listeners)', () => {
  let project: FaultProject;
  // The listeners run in this process: the CLI is awaited, never run synchronously.
  before(() => {
    project = createFaultProject('sqlite:///unused.db');
  });
  after(() => project.dispose());

  test('a wrong password: exit 1, the server refusal shown, the password sent but never printed', async () => {
    const server = await passwordRefusingServer();
    try {
      const result = await project.start('--url', `postgresql://app:Wr0ng%40pass%3A1@127.0.0.1:${server.port}/app`, ...upgrade).done;
      assertOneError(result, 1, /could not connect to PostgreSQL at 127\.0\.0\.1:\d+\/app as app: password authentication failed for user "app"/);
      assert.deepEqual(server.passwords, ['Wr0ng@pass:1'], 'the client did authenticate with the password from the URL');
      assert.doesNotMatch(result.stdout + result.stderr, /Wr0ng/);
    } finally {
      await server.close();
    }
  });

  test('a server that echoes the password in its error: the password is masked', async () => {
    const server = await passwordRefusingServer({ echoPassword: true });
    try {
      const result = await project.start('--debug', '--url', `postgresql://app:Echo3dSecret@127.0.0.1:${server.port}/app`, ...upgrade).done;
      assert.equal(result.status, 1);
      assert.match(result.stderr, /password "\*\*\*" is wrong/);
      assert.doesNotMatch(result.stdout + result.stderr, /Echo3dSecret/);
    } finally {
      await server.close();
    }
  });

  test('a listener that never answers: exit 1 after connect_timeout, not a hang', async () => {
    const server = await silentServer();
    try {
      const started = Date.now();
      const result = await project.start('--url', `postgresql://app@127.0.0.1:${server.port}/app?connect_timeout=1`, ...upgrade).done;
      assertOneError(result, 1, /could not connect to PostgreSQL at 127\.0\.0\.1:\d+\/app as app: .*timeout/i);
      assert.ok(Date.now() - started < 10_000, `gave up after ${Date.now() - started} ms`);
    } finally {
      await server.close();
    }
  });
});

describe('a password in the URL never appears in the output of a failing command', () => {
  let database: TestDatabase;
  let project: FaultProject;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  /** Special characters, percent-encoded in the URL: neither form may leak. */
  const tricky = `${password}@:/?#`;
  const encoded = encodeURIComponent(tricky);
  before(async () => {
    database = await createDatabase('postgresql');
    const good = database.url.replace('postgres@', `postgres:${encoded}@`);
    project = createFaultProject(database.url, { SECRET_DATABASE_URL: good });
    project.addRevision({
      revision: 'ba0000000001',
      message: 'fails',
      upgrade: "op.execute('SELECT * FROM no_such_table');",
    });
    project.write('src/models.ts', "throw new Error('broken models');\n");
  });
  after(async () => {
    project.dispose();
    await database.dispose();
  });

  test('with --url, from the config file, and from ${VAR}, with and without --debug', () => {
    const withPassword = (url: string): string => url.replace('postgres@', `postgres:${encoded}@`);
    const good = withPassword(database.url);
    const failing: string[][] = [
      ['--url', withPassword('postgresql://postgres@127.0.0.1:1/app'), ...upgrade],
      ['--url', `${good}_missing`, ...upgrade],
      ['--url', good, ...upgrade],
      ['--url', good, 'check'],
      ['--url', good, 'revision', '--autogenerate', '-m', 'x'],
      ['--url', good, 'downgrade', '-1'],
      ['--url', good, 'stamp', 'feedfacecafe'],
      ['--url', `${good}?sslmode=sometimes`, 'current'],
      ['--url', withPassword('postgresql://postgres@127.0.0.1:notaport/app'), 'current'],
      ['--url', good, 'check', '--dev-url', withPassword('postgresql://postgres@127.0.0.1:1/scratch')],
      ['-c', 'secret.json', ...upgrade],
      ['-c', 'secret-env.json', ...upgrade],
    ];
    writeFileSync(join(project.dir, 'secret.json'), json({ url: good, scriptLocation: 'migrations', models: 'src/models.ts' }));
    writeFileSync(join(project.dir, 'secret-env.json'), json({ url: '${SECRET_DATABASE_URL}', scriptLocation: 'migrations' }));
    let failures = 0;
    for (const args of failing) {
      for (const debug of [[], ['--debug'], ['--json']]) {
        const result = project.run(...debug, ...args);
        const output = result.stdout + result.stderr;
        assert.notEqual(result.status, 0, `${args.join(' ')} should fail`);
        for (const form of [password, encoded]) assert.ok(!output.includes(form), `${args.join(' ')} printed the password:\n${output}`);
        failures++;
      }
    }
    assert.equal(failures, failing.length * 3);
  });
});
