import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfig, requireModels, requireUrl } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'alembic-config-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;

/** A fresh project folder holding `alembic.config.json` with the given text (or object). */
function project(config: string | object): { dir: string; file: string } {
  const dir = join(root, `p${++counter}`);
  mkdirSync(dir);
  const file = join(dir, 'alembic.config.json');
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return { dir, file };
}

function assertConfigError(run: () => unknown, code: string, message: string | RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.exitCode, 2);
    assert.doesNotMatch(error.message, /\n/, 'the message is one line');
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

describe('loadConfig: finding the file', () => {
  test('reads alembic.config.json from the working directory', () => {
    const { dir, file } = project({});
    assert.equal(loadConfig({ cwd: dir, env: {} }).file, file);
  });

  test('prefers -c over ALEMBIC_CONFIG, and ALEMBIC_CONFIG over the working directory', () => {
    const fromFlag = project({ versionTable: 'from_flag' });
    const fromEnv = project({ versionTable: 'from_env' });
    const inCwd = project({ versionTable: 'in_cwd' });
    const env = { ALEMBIC_CONFIG: fromEnv.file };
    assert.equal(loadConfig({ cwd: inCwd.dir, env, configPath: fromFlag.file }).versionTable, 'from_flag');
    assert.equal(loadConfig({ cwd: inCwd.dir, env }).versionTable, 'from_env');
    assert.equal(loadConfig({ cwd: inCwd.dir, env: {} }).versionTable, 'in_cwd');
  });

  test('resolves -c relative to the working directory and accepts a folder', () => {
    const { dir, file } = project({});
    assert.equal(loadConfig({ cwd: root, env: {}, configPath: dir.slice(root.length + 1) }).file, file);
  });

  test('a missing config file says where it looked and to run alembic-ts init', () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    assertConfigError(
      () => loadConfig({ cwd: dir, env: {} }),
      'E_CONFIG_NOT_FOUND',
      `no config file at ${join(dir, 'alembic.config.json')}: run "alembic-ts init" to create one, or pass -c PATH`,
    );
    assertConfigError(
      () => loadConfig({ cwd: dir, env: {}, configPath: 'nope.json' }),
      'E_CONFIG_NOT_FOUND',
      /^no config file at .*nope\.json \(from -c\/--config\): run "alembic-ts init"/,
    );
  });
});

describe('loadConfig: values', () => {
  test('an empty config gets every default, with paths absolute from the config folder', () => {
    const { dir, file } = project({});
    const config = loadConfig({ cwd: root, env: {}, configPath: file });
    assert.deepEqual(config, {
      file,
      directory: dir,
      scriptLocation: join(dir, 'migrations'),
      url: null,
      models: [],
      versionTable: 'alembic_version',
      versionTableSchema: null,
      versionLocations: [join(dir, 'migrations', 'versions')],
      fileTemplate: '{rev}_{slug}',
      truncateSlugLength: 40,
      timezone: 'UTC',
      compareType: true,
      compareServerDefault: true,
      include: { schemas: null, tables: null, excludeTables: [] },
      transactionPerMigration: true,
      postWriteHooks: [],
    });
  });

  test('the example config at the repository root loads as it is', () => {
    const { dir } = project({});
    copyFileSync(fileURLToPath(new URL('../../alembic.config.example.json', import.meta.url)), join(dir, 'alembic.config.json'));
    const config = loadConfig({ cwd: dir, env: {} });
    assert.equal(config.scriptLocation, join(dir, 'migrations'));
    assert.equal(config.url, null);
  });

  test('given values are kept and their paths resolved from the config folder, not the working directory', () => {
    const { dir, file } = project({
      $schema: './node_modules/alembic-ts/alembic.config.schema.json',
      $comment: 'ignored',
      '$comment:url': 'ignored too',
      scriptLocation: 'db/migrations',
      url: 'sqlite:///app.db',
      models: 'src/models.ts',
      versionLocations: ['db/versions', '/abs/versions'],
      versionTableSchema: 'meta',
      fileTemplate: '{year}{month}{day}_{epoch}_{rev}_{slug}',
      timezone: 'Europe/Berlin',
      include: { schemas: ['app'], tables: ['app_*'], excludeTables: ['tmp_*'] },
      postWriteHooks: [{ command: 'npx prettier --write {file}' }],
    });
    const config = loadConfig({ cwd: root, env: {}, configPath: file });
    assert.equal(config.scriptLocation, join(dir, 'db/migrations'));
    assert.deepEqual(config.models, [join(dir, 'src/models.ts')]);
    assert.deepEqual(config.versionLocations, [join(dir, 'db/versions'), '/abs/versions']);
    assert.equal(config.url, 'sqlite:///app.db');
    assert.equal(config.versionTableSchema, 'meta');
    assert.equal(config.fileTemplate, '{year}{month}{day}_{epoch}_{rev}_{slug}', 'every token README lists is accepted');
    assert.deepEqual(config.include, { schemas: ['app'], tables: ['app_*'], excludeTables: ['tmp_*'] });
    assert.deepEqual(config.postWriteHooks, [{ command: 'npx prettier --write {file}' }]);
    assert.deepEqual(requireUrl(config), { dialect: 'sqlite', filename: join(dir, 'app.db') });
  });

  test('${VAR} in the url is read from the environment, with ${VAR:-fallback} as a default', () => {
    const { dir } = project({ url: 'postgresql://app:${DB_PASSWORD}@${DB_HOST:-localhost}/app' });
    assert.equal(
      loadConfig({ cwd: dir, env: { DB_PASSWORD: 's3cret' } }).url,
      'postgresql://app:s3cret@localhost/app',
    );
    assert.equal(
      loadConfig({ cwd: dir, env: { DB_PASSWORD: 'x', DB_HOST: 'db' } }).url,
      'postgresql://app:x@db/app',
    );
  });

  test('an unset ${VAR} names the variable, the key and the file', () => {
    const { dir, file } = project({ url: '${DATABASE_URL}' });
    assertConfigError(
      () => loadConfig({ cwd: dir, env: {} }),
      'E_CONFIG_ENV',
      `environment variable DATABASE_URL is not set (used by "url" in ${file})`,
    );
  });

  test('the url option replaces the file url, which is then not interpolated', () => {
    const { dir } = project({ url: '${UNSET_VARIABLE}' });
    assert.equal(loadConfig({ cwd: dir, env: {}, url: 'sqlite://' }).url, 'sqlite://');
  });
});

describe('loadConfig: errors name the key and the file', () => {
  test('an unknown key suggests the nearest valid key', () => {
    const { dir, file } = project({ scriptLocaton: 'migrations' });
    assertConfigError(
      () => loadConfig({ cwd: dir, env: {} }),
      'E_CONFIG_UNKNOWN_KEY',
      `unknown key "scriptLocaton" in ${file} (did you mean "scriptLocation"?)`,
    );
  });

  test('a snake_case key suggests its camelCase spelling', () => {
    const { dir, file } = project({ version_table: 'v' });
    assertConfigError(
      () => loadConfig({ cwd: dir, env: {} }),
      'E_CONFIG_UNKNOWN_KEY',
      `unknown key "version_table" in ${file} (did you mean "versionTable"?)`,
    );
  });

  test("alembic.ini's sqlalchemy.url and include_schemas suggest url and include", () => {
    for (const [key, meant] of [['sqlalchemy.url', 'url'], ['include_schemas', 'include']] as const) {
      const { dir, file } = project({ [key]: 'x' });
      assertConfigError(() => loadConfig({ cwd: dir, env: {} }), 'E_CONFIG_UNKNOWN_KEY', `unknown key "${key}" in ${file} (did you mean "${meant}"?)`);
    }
  });

  test('an unknown key like no valid one lists the valid keys', () => {
    const { dir } = project({ frobnicate: true });
    assertConfigError(
      () => loadConfig({ cwd: dir, env: {} }),
      'E_CONFIG_UNKNOWN_KEY',
      /^unknown key "frobnicate" in .* \(valid keys: scriptLocation, url, models, .*postWriteHooks\)$/,
    );
  });

  test('an unknown key inside include is named with its path', () => {
    const { dir, file } = project({ include: { exclude_tables: ['tmp'] } });
    assertConfigError(
      () => loadConfig({ cwd: dir, env: {} }),
      'E_CONFIG_UNKNOWN_KEY',
      `unknown key "include.exclude_tables" in ${file} (did you mean "include.excludeTables"?)`,
    );
  });

  test('a wrong type names the key, the expected type and the actual type', () => {
    const cases: [object, string][] = [
      [{ truncateSlugLength: '40' }, '"truncateSlugLength" in FILE: expected an integer >= 1, got a string'],
      [{ truncateSlugLength: 0 }, '"truncateSlugLength" in FILE: expected an integer >= 1, got number 0'],
      [{ compareType: 'yes' }, '"compareType" in FILE: expected true or false, got a string'],
      [{ scriptLocation: '' }, '"scriptLocation" in FILE: expected a non-empty string, got an empty string'],
      [{ models: 3 }, '"models" in FILE: expected a string or an array of strings, got number 3'],
      [{ models: ['a.ts', null] }, '"models[1]" in FILE: expected a string, got null'],
      [{ url: ['x'] }, '"url" in FILE: expected a string or null, got an array'],
      [{ postWriteHooks: [{ command: 1 }] }, '"postWriteHooks[0].command" in FILE: expected a non-empty string, got number 1'],
      [{ include: [] }, '"include" in FILE: expected an object with "schemas", "tables", "excludeTables", got an array'],
    ];
    for (const [content, expected] of cases) {
      const { dir, file } = project(content);
      assertConfigError(
        () => loadConfig({ cwd: dir, env: {} }),
        'E_CONFIG_TYPE',
        `wrong type for ${expected.replace('FILE', file)}`,
      );
    }
  });

  test('a config that is not a JSON object is a type error naming the file', () => {
    const { dir, file } = project('[]');
    assertConfigError(
      () => loadConfig({ cwd: dir, env: {} }),
      'E_CONFIG_TYPE',
      `wrong type in ${file}: expected a JSON object, got an array`,
    );
  });

  test('a post-write hook without a command is a missing key', () => {
    const { dir, file } = project({ postWriteHooks: [{}] });
    assertConfigError(
      () => loadConfig({ cwd: dir, env: {} }),
      'E_CONFIG_MISSING_KEY',
      `missing key "postWriteHooks[0].command" in ${file}`,
    );
  });

  test('invalid JSON gives the line and column of the mistake', () => {
    const cases: [string, string][] = [
      ['{\n  "url": "sqlite://",\n}\n', 'line 3, column 1: expected a double-quoted key (JSON allows no trailing comma)'],
      ['{\n  "url": "sqlite://"\n  "models": []\n}', "line 3, column 3: expected ',' or '}' after the value"],
      ['{\n  "versionTable": }', 'line 2, column 19: expected a value'],
      ["{ 'url': 1 }", 'line 1, column 3: expected a double-quoted key'],
      ['{ "models": [1, 2,] }', 'line 1, column 19: expected a value (JSON allows no trailing comma)'],
      ['{ "url": "sqlite://" ', 'line 1, column 22: unexpected end of file'],
      ['{} {}', 'line 1, column 4: unexpected text after the JSON value'],
    ];
    for (const [text, where] of cases) {
      const { dir, file } = project(text);
      assertConfigError(() => loadConfig({ cwd: dir, env: {} }), 'E_CONFIG_JSON', `invalid JSON in ${file} at ${where}`);
    }
  });

  test('invalid JSON does not quote the file, so a password in it stays hidden', () => {
    const { dir } = project('{ "url": "postgresql://app:hunter2@db/app" x }');
    assertConfigError(() => loadConfig({ cwd: dir, env: {} }), 'E_CONFIG_JSON', /^(?!.*hunter2)/);
  });

  test('an unknown fileTemplate token or time zone is an error naming the key', () => {
    const template = project({ fileTemplate: '{rev}_{slugg}' });
    assertConfigError(
      () => loadConfig({ cwd: template.dir, env: {} }),
      'E_CONFIG_VALUE',
      `unknown token {slugg} in "fileTemplate" in ${template.file} (tokens: {rev} {slug} {year} {month} {day} {hour} {minute} {second} {epoch})`,
    );
    const zone = project({ timezone: 'Mars/Olympus' });
    assertConfigError(() => loadConfig({ cwd: zone.dir, env: {} }), 'E_CONFIG_VALUE', /^unknown time zone "Mars\/Olympus" for "timezone" in /);
  });
});

describe('requireUrl and requireModels', () => {
  test('a missing url is no load error, but requireUrl says where to set it', () => {
    const { dir, file } = project({});
    const config = loadConfig({ cwd: dir, env: {} });
    assertConfigError(() => requireUrl(config), 'E_CONFIG_NO_URL', new RegExp(`^no database URL: set "url" in ${file}, pass --url`));
  });

  test('requireUrl never shows the password of a URL it cannot use', () => {
    const { dir } = project({ url: 'postgresql://app:hunter2@db:notaport/app' });
    const config = loadConfig({ cwd: dir, env: {} });
    assertConfigError(() => requireUrl(config), 'E_URL_INVALID', /^invalid database URL postgresql:\/\/app:\*\*\*@db:notaport\/app: /);
  });

  test('requireModels says where to set the models', () => {
    const { dir, file } = project({});
    assertConfigError(
      () => requireModels(loadConfig({ cwd: dir, env: {} })),
      'E_CONFIG_NO_MODELS',
      `no models: set "models" in ${file} (e.g. "src/models.ts")`,
    );
  });
});
