// The life of a PostgreSQL enum type as ops see it: created with the first table that
// uses it, extended and renamed in place, dropped with the last table that uses it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { postgresDialect as pg } from '../../src/dialects/postgres/index.js';
import type { Op } from '../../src/operations/ops.js';
import type { ColumnSnapshot, ColumnType, TableSnapshot } from '../../src/snapshot/types.js';
import { runStatements } from '../helpers/run-statements.js';
import { postgresSuite } from '../helpers/postgres-suite.js';

function col(name: string, type: ColumnType, extra: Partial<ColumnSnapshot> = {}): ColumnSnapshot {
  return { name, type, nullable: true, default: null, autoincrement: false, comment: null, collation: null, ...extra };
}

function table(name: string, columns: ColumnSnapshot[]): TableSnapshot {
  return { schema: null, name, columns, primaryKey: null, foreignKeys: [], uniqueConstraints: [], checkConstraints: [], indexes: [], comment: null };
}


describe('PostgreSQL enum lifecycle', () => {
  const suite = postgresSuite();

  const apply = async (ops: readonly Op[]): Promise<void> => {
    const statements = pg.compile(ops, { before: await pg.introspect(suite.conn()) });
    assert.ok(statements.every((s) => s.transactional));
    await runStatements(suite.conn(), statements);
  };
  const enums = async () => (await pg.introspect(suite.conn())).enums;

  const mood: ColumnType = { name: 'enum', enumName: 'mood', values: ['happy', 'sad'] };

  test('createTable with an enum column creates the type first', async () => {
    await apply([{ kind: 'createTable', table: table('people', [col('mood', mood, { default: pg.normalizeDefault({ literal: 'sad' }, mood) })]) }]);
    assert.deepEqual(await enums(), [{ schema: null, name: 'mood', values: ['happy', 'sad'] }]);
    const people = (await pg.introspect(suite.conn())).tables.find((t) => t.name === 'people');
    assert.deepEqual(people?.columns[0], col('mood', mood, { default: "'sad'::mood" }));
  });

  test('a second table with the same enum reuses the type, an array column too', async () => {
    await apply([{ kind: 'createTable', table: table('moods_log', [col('moods', { name: 'array', of: mood })]) }]);
    const log = (await pg.introspect(suite.conn())).tables.find((t) => t.name === 'moods_log');
    assert.deepEqual(log?.columns[0]?.type, { name: 'array', of: mood });
  });

  test('addEnumValue inserts the value where asked, inside a transaction', async () => {
    await apply([
      { kind: 'addEnumValue', schema: null, name: 'mood', value: 'ok', before: 'sad', after: null },
      { kind: 'addEnumValue', schema: null, name: 'mood', value: 'ecstatic', before: null, after: null },
    ]);
    assert.deepEqual(await enums(), [{ schema: null, name: 'mood', values: ['happy', 'ok', 'sad', 'ecstatic'] }]);
    await suite.conn().query("INSERT INTO people (mood) VALUES ('ok')");
  });

  test('renameEnumValue renames in place and existing rows follow', async () => {
    await apply([{ kind: 'renameEnumValue', schema: null, name: 'mood', from: 'ok', to: 'fine' }]);
    assert.deepEqual(await enums(), [{ schema: null, name: 'mood', values: ['happy', 'fine', 'sad', 'ecstatic'] }]);
    const { rows } = await suite.conn().query('SELECT mood FROM people');
    assert.deepEqual(rows, [{ mood: 'fine' }]);
  });

  test('a text column becomes an enum column through USING, creating its type', async () => {
    const level: ColumnType = { name: 'enum', enumName: 'level', values: ['low', 'high'] };
    await apply([{ kind: 'addColumn', schema: null, table: 'people', column: col('level', { name: 'text' }) }]);
    await suite.conn().query("UPDATE people SET level = 'high'");
    await apply([{
      kind: 'alterColumn', schema: null, table: 'people', column: 'level', using: null,
      existing: col('level', { name: 'text' }), changes: { type: level },
    }]);
    const people = (await pg.introspect(suite.conn())).tables.find((t) => t.name === 'people');
    assert.deepEqual(people?.columns.find((c) => c.name === 'level')?.type, level);
    assert.deepEqual((await suite.conn().query('SELECT level FROM people')).rows, [{ level: 'high' }]);
  });

  test('dropping tables drops an enum type only with the last table that uses it', async () => {
    await apply([{ kind: 'dropTable', schema: null, table: 'people', existing: null }]);
    assert.deepEqual((await enums()).map((e) => e.name), ['mood'], 'level went with people; mood is still used by moods_log');
    await apply([{ kind: 'dropTable', schema: null, table: 'moods_log', existing: null }]);
    assert.deepEqual(await enums(), []);
  });
});
