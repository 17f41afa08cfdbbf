/**
 * SPEC section 2, `include`, with the built binary on PostgreSQL: naming schemas adds them to
 * what `check` and autogenerate look at; the default schema stays in, as Alembic's
 * `include_schemas` keeps it, and `excludeTables` globs take `schema.table` forms.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCliProject, type CliProject } from '../helpers/cli-project.js';
import { createDatabase, type TestDatabase } from '../helpers/databases.js';
import { withDb } from '../helpers/db-inspect.js';

const MODELS = `import { table, integer } from 'alembic-ts';
export const accounts = table('accounts', { id: integer().primaryKey() }, () => [], { schema: 'app' });
export const settings = table('settings', { id: integer().primaryKey() });
`;

/** A project with MODELS on a fresh database that has schema `app`, configured with `include`. */
function projectWithAppSchema(include: Record<string, unknown> | undefined): { db: () => TestDatabase; project: () => CliProject } {
  let db: TestDatabase;
  let project: CliProject;
  before(async () => {
    db = await createDatabase('postgresql');
    await withDb('postgresql', db.url, (conn) => conn.query('CREATE SCHEMA app'));
    project = createCliProject();
    project.run('init', 'migrations');
    project.write('src/models.ts', MODELS);
    project.write('alembic.config.json', JSON.stringify({ url: db.url, models: 'src/models.ts', ...(include ? { include } : {}) }));
  });
  after(async () => {
    project.dispose();
    await db.dispose();
  });
  return { db: () => db, project: () => project };
}

describe('include.schemas on postgresql', () => {
  const setup = projectWithAppSchema({ schemas: ['app'], excludeTables: ['app.tmp_*'] });

  test('tables of the default schema and of a listed schema, once created, compare clean', () => {
    const revision = setup.project().run('revision', '--autogenerate', '-m', 'create tables');
    assert.equal(revision.status, 0, revision.stderr);
    const upgrade = setup.project().run('upgrade', 'head');
    assert.equal(upgrade.status, 0, upgrade.stderr);
    const check = setup.project().run('check');
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  });

  test('a table only in the database is reported in the default schema and in a listed one, not in an excluded glob', async () => {
    await withDb('postgresql', setup.db().url, async (conn) => {
      await conn.query('CREATE TABLE public.stray (id integer)');
      await conn.query('CREATE TABLE app.stray (id integer)');
      await conn.query('CREATE TABLE app.tmp_scratch (id integer)');
    });
    const check = setup.project().run('check');
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /op\.dropTable\('stray', \{ schema: 'app' \}\);\n\s*op\.dropTable\('stray'\);/);
    assert.doesNotMatch(check.stdout, /tmp_scratch/);
  });
});

describe('a model table in a schema include.schemas does not name, on postgresql', () => {
  const setup = projectWithAppSchema(undefined);

  test('once created it compares clean (Alembic proposes it again on every run), and its schema is not read beyond it', async () => {
    const revision = setup.project().run('revision', '--autogenerate', '-m', 'create tables');
    assert.equal(revision.status, 0, revision.stderr);
    const upgrade = setup.project().run('upgrade', 'head');
    assert.equal(upgrade.status, 0, upgrade.stderr);
    await withDb('postgresql', setup.db().url, (conn) => conn.query('CREATE TABLE app.stray (id integer)'));
    const check = setup.project().run('check');
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
    await withDb('postgresql', setup.db().url, (conn) => conn.query('ALTER TABLE app.accounts ADD COLUMN extra integer'));
    const changed = setup.project().run('check');
    assert.equal(changed.status, 1, changed.stderr);
    assert.match(changed.stdout, /op\.dropColumn\('accounts', 'extra', \{ schema: 'app' \}\);/);
    assert.doesNotMatch(changed.stdout, /stray/);
  });
});
