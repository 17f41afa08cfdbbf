// A PostgreSQL enum through its whole life in revision files run by the real runner: created
// with the table that uses it, extended with addEnumValue, the new value used by the next
// revision, then everything downgraded to base with no type left behind.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { downgrade, upgrade } from '../../src/runtime/migrate.js';
import { createProject, type Project } from './runtime-fixture.js';

const CHAIN = [
  {
    revision: 'e00000000001',
    message: 'create tickets with a status enum',
    upgrade: "op.createTable('tickets', { id: integer().primaryKey(), status: enumType(['open', 'closed'], { name: 'status' }).notNull() });",
    downgrade: "op.dropTable('tickets');",
  },
  {
    revision: 'e00000000002',
    down: 'e00000000001',
    message: 'add archived status',
    upgrade: "op.addEnumValue('status', 'archived', { after: 'open' });",
    // PostgreSQL cannot remove an enum value; the type goes with the table one step down.
    downgrade: '',
  },
  {
    revision: 'e00000000003',
    down: 'e00000000002',
    message: 'archive two tickets',
    upgrade: [
      "op.bulkInsert('tickets', [{ id: 1, status: 'archived' }, { id: 2, status: 'open' }]);",
      "op.execute(\"INSERT INTO tickets (id, status) VALUES (3, 'archived')\");",
    ].join('\n  '),
    downgrade: "op.execute('DELETE FROM tickets WHERE id IN (1, 2, 3)');",
  },
] as const;

describe('a PostgreSQL enum created, extended, used and removed through revisions', () => {
  let project: Project;

  before(async () => {
    project = await createProject('postgresql');
    for (const spec of CHAIN) project.write(spec);
  });

  after(async () => {
    await project?.dispose();
  });

  const enumTypes = async (): Promise<string[]> =>
    (await project.query("SELECT typname FROM pg_type WHERE typtype = 'e' AND typnamespace = 'public'::regnamespace ORDER BY typname")).map((r) =>
      String(r['typname']),
    );
  const userTables = async (): Promise<string[]> =>
    (await project.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'alembic%' ORDER BY tablename")).map((r) =>
      String(r['tablename']),
    );

  test('upgrade head adds the value in one revision and uses it in the next', async () => {
    const result = await upgrade(project.ctx(), 'head');
    assert.deepEqual(result.heads, ['e00000000003']);
    const values = await project.query("SELECT enumlabel FROM pg_enum WHERE enumtypid = 'status'::regtype ORDER BY enumsortorder");
    assert.deepEqual(values.map((r) => r['enumlabel']), ['open', 'archived', 'closed']);
    const rows = await project.query('SELECT id, status::text AS status FROM tickets ORDER BY id');
    assert.deepEqual(rows, [{ id: 1, status: 'archived' }, { id: 2, status: 'open' }, { id: 3, status: 'archived' }]);
  });

  test('upgrade works again after a downgrade that left the added value behind', async () => {
    await downgrade(project.ctx(), 'e00000000001');
    const values = await project.query("SELECT enumlabel FROM pg_enum WHERE enumtypid = 'status'::regtype ORDER BY enumsortorder");
    assert.deepEqual(values.map((r) => r['enumlabel']), ['open', 'archived', 'closed']);
    const result = await upgrade(project.ctx(), 'head');
    assert.deepEqual(result.heads, ['e00000000003']);
  });

  test('downgrade base leaves neither the table nor the enum type behind', async () => {
    await downgrade(project.ctx(), 'base');
    assert.deepEqual(await userTables(), []);
    assert.deepEqual(await enumTypes(), []);
  });

  test('upgrade head works again after the downgrade (the type is created afresh)', async () => {
    await upgrade(project.ctx(), 'head');
    assert.deepEqual(await enumTypes(), ['status']);
    assert.deepEqual(await userTables(), ['tickets']);
    await downgrade(project.ctx(), 'base');
    assert.deepEqual(await enumTypes(), []);
  });
});
