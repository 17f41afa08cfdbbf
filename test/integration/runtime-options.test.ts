import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ConfigError, MigrationError } from '../../src/errors.js';
import type { RunContext } from '../../src/runtime/context.js';
import { current, downgrade, upgrade } from '../../src/runtime/migrate.js';
import { upgradeSql } from '../../src/runtime/offline.js';
import { DIALECTS } from '../helpers/databases.js';
import { BOOKS_CHAIN, createProject, type Project } from './runtime-fixture.js';

const ONE_TRANSACTION: RunContext['config'] = {
  versionTable: 'alembic_version',
  versionTableSchema: null,
  transactionPerMigration: false,
};

for (const dialect of DIALECTS) {
  describe(`runner on ${dialect}: transactionPerMigration false`, () => {
    let project: Project;
    before(async () => {
      project = await createProject(dialect);
      for (const spec of BOOKS_CHAIN.slice(0, 2)) project.write(spec);
      project.write({ revision: 'dddd00000003', down: BOOKS_CHAIN[1]!.revision, upgrade: "op.execute('SELECT * FROM no_such_table');" });
    });
    after(() => project.dispose());

    test('a failure in the last revision rolls back the whole run, and the hint says the earlier revisions were undone', async () => {
      await assert.rejects(upgrade(project.ctx({ config: ONE_TRANSACTION }), 'head'), (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.equal(error.code, 'E_STATEMENT_FAILED');
        assert.match(error.message, /^upgrade of revision dddd00000003 /);
        assert.match(error.hint ?? '', /single transaction \(transactionPerMigration: false\) was rolled back: .*revision /);
        for (const spec of BOOKS_CHAIN.slice(0, 2)) assert.ok(error.hint?.includes(spec.revision), error.hint);
        return true;
      });
      assert.deepEqual((await current(project.ctx())).heads, []);
      const schema = await project.dialect.introspect(await project.connect());
      assert.deepEqual(schema.tables.map((t) => t.name), []);
    });

    test('a run that succeeds commits every revision with its history row', async () => {
      const result = await upgrade(project.ctx({ config: ONE_TRANSACTION }), BOOKS_CHAIN[1]!.revision);
      assert.deepEqual(result.steps.map((s) => s.revision), [BOOKS_CHAIN[0]!.revision, BOOKS_CHAIN[1]!.revision]);
      const rows = await project.runtime.readHistory(await project.connect(), { schema: null, name: 'alembic_ts_history' });
      assert.equal(rows.length, 2);
      await downgrade(project.ctx({ config: ONE_TRANSACTION }), 'base');
      assert.deepEqual((await current(project.ctx())).heads, []);
    });

    test('offline, the script has one BEGIN and one COMMIT', async () => {
      const script = await upgradeSql(project.ctx({ config: ONE_TRANSACTION }), BOOKS_CHAIN[1]!.revision);
      assert.equal(script.match(/^BEGIN/gm)?.length, 1);
      assert.equal(script.match(/^COMMIT;$/gm)?.length, 1);
    });

    test('a revision that runs outside a transaction splits the run around it', async () => {
      project.write({ ...BOOKS_CHAIN[2]!, down: 'dddd00000003', revision: 'eeee00000004', extra: 'export const transactional = false;' });
      project.write({ revision: 'dddd00000003', down: BOOKS_CHAIN[1]!.revision, upgrade: '', file: 'dddd00000003_fixed.ts' });
      rmSync(project.pathOf('dddd00000003'));
      const script = await upgradeSql(project.ctx({ config: ONE_TRANSACTION }), 'head');
      // The run's transaction, the one that records `started`, and the one that records the version.
      assert.equal(script.match(/^COMMIT;$/gm)?.length, 3);
      const result = await upgrade(project.ctx({ config: ONE_TRANSACTION }), 'head');
      assert.deepEqual(result.steps.map((s) => [s.revision, s.transactional]), [
        [BOOKS_CHAIN[0]!.revision, true],
        [BOOKS_CHAIN[1]!.revision, true],
        ['dddd00000003', true],
        ['eeee00000004', false],
      ]);
    });
  });

  describe(`runner on ${dialect}: a version table with another name${dialect === 'postgresql' ? ' in another schema' : ''}`, () => {
    let project: Project;
    const schema = dialect === 'postgresql' ? 'meta' : null;
    const config: RunContext['config'] = { versionTable: 'schema_versions', versionTableSchema: schema, transactionPerMigration: true };
    before(async () => {
      project = await createProject(dialect);
      project.write(BOOKS_CHAIN[0]!);
      if (schema !== null) await project.query(`CREATE SCHEMA ${schema}`);
    });
    after(() => project.dispose());

    test('the version and history tables are created there, and only there', async () => {
      await upgrade(project.ctx({ config }), 'head');
      const qualified = schema === null ? 'schema_versions' : `${schema}.schema_versions`;
      assert.deepEqual(await project.query(`SELECT version_num FROM ${qualified}`), [{ version_num: BOOKS_CHAIN[0]!.revision }]);
      const history = await project.runtime.readHistory(await project.connect(), { schema, name: 'alembic_ts_history' });
      assert.equal(history.length, 1);
      const tables = (await project.dialect.introspect(await project.connect())).tables.map((t) => t.name);
      assert.ok(!tables.includes('alembic_version'));
      assert.deepEqual((await current(project.ctx({ config }))).heads, [BOOKS_CHAIN[0]!.revision]);
      assert.deepEqual((await current(project.ctx())).heads, []);
    });
  });
}

describe('runner on sqlite: versionTableSchema', () => {
  let project: Project;
  const config: RunContext['config'] = { versionTable: 'alembic_version', versionTableSchema: 'vs', transactionPerMigration: true };
  before(async () => {
    project = await createProject('sqlite');
    project.write(BOOKS_CHAIN[0]!);
  });
  after(() => project.dispose());

  test('is a config error naming the key, online and offline, since SQLite has no schemas', async () => {
    const expected = (error: unknown): boolean => {
      assert.ok(error instanceof ConfigError, String(error));
      assert.equal(error.exitCode, 2);
      assert.match(error.message, /"versionTableSchema" is "vs", but sqlite has no schemas/);
      return true;
    };
    await assert.rejects(upgrade(project.ctx({ config }), 'head'), expected);
    await assert.rejects(upgradeSql(project.ctx({ config }), 'head'), expected);
    await assert.rejects(current(project.ctx({ config })), expected);
  });
});
