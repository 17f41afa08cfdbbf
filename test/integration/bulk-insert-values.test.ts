// op.bulkInsert stores a JS value as its column's type stores it, as Alembic's op.bulk_insert
// does through SQLAlchemy's types: the same text online and in --sql output, whatever the
// process's time zone, and readable back by SQLAlchemy.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { upgrade } from '../../src/runtime/migrate.js';
import { upgradeSql } from '../../src/runtime/offline.js';
import { DIALECTS } from '../helpers/databases.js';
import { SRC, createProject, type Project } from './runtime-fixture.js';

const REVISION = {
  revision: 'b10000000001',
  message: 'events with dates and json',
  extra: `import { date, dateTime, json } from '${SRC}/schema/column-types.ts';`,
  upgrade: [
    "op.createTable('events', { id: integer().primaryKey(), d: date(), dt: dateTime(), dtz: dateTime({ timezone: true }), j: json() });",
    "op.bulkInsert('events', [",
    "  { id: 1, d: new Date('2024-01-02T00:00:00Z'), dt: new Date('2024-01-02T03:04:05.123Z'), dtz: new Date('2024-01-02T03:04:05Z'), j: [1, 'x'] },",
    '  { id: 2, d: null, dt: null, dtz: null, j: { a: [1, 2] } },',
    ']);',
  ].join('\n  '),
  downgrade: "op.dropTable('events');",
};

/** What each dialect stores, as text: SQLAlchemy's formats on SQLite, the server's output on PostgreSQL. */
const STORED = {
  sqlite: {
    offlineDay: "'2024-01-02'",
    sql: 'SELECT id, d, dt, dtz, j FROM events ORDER BY id',
    rows: [
      { id: 1, d: '2024-01-02', dt: '2024-01-02 03:04:05.123000', dtz: '2024-01-02 03:04:05.000000', j: '[1,"x"]' },
      { id: 2, d: null, dt: null, dtz: null, j: '{"a":[1,2]}' },
    ],
  },
  postgresql: {
    // ISO text, which the server reads as the same day and time in a date or timestamp column.
    offlineDay: "'2024-01-02T00:00:00.000Z'",
    sql: "SELECT id, d::text AS d, dt::text AS dt, (dtz AT TIME ZONE 'UTC')::text AS dtz, j::text AS j FROM events ORDER BY id",
    rows: [
      { id: 1, d: '2024-01-02', dt: '2024-01-02 03:04:05.123', dtz: '2024-01-02 03:04:05', j: '[1,"x"]' },
      { id: 2, d: null, dt: null, dtz: null, j: '{"a":[1,2]}' },
    ],
  },
} as const;

for (const dialectName of DIALECTS) {
  describe(`bulkInsert values on ${dialectName}`, () => {
    let project: Project;
    const zone = process.env['TZ'];

    before(async () => {
      project = await createProject(dialectName);
      project.write(REVISION);
    });

    after(async () => {
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
      await project?.dispose();
    });

    test('dates keep their UTC day and time under another time zone, and a JS array goes into json as JSON', async () => {
      // pg on its own sends a Date in the process's local time: 2024-01-01 19:00 in New York.
      process.env['TZ'] = 'America/New_York';
      await upgrade(project.ctx(), 'head');
      const rows = await project.query(STORED[dialectName].sql);
      assert.deepEqual(
        rows.map((r) => ({ ...r, id: Number(r['id']), j: r['j'] === null ? null : JSON.stringify(JSON.parse(String(r['j']))) })),
        STORED[dialectName].rows,
      );
    });

    test('--sql writes the same values', async () => {
      const script = await upgradeSql(project.ctx(), 'head');
      const insert = script.split('\n').find((line) => line.startsWith('INSERT INTO events'));
      assert.ok(insert !== undefined, script);
      assert.ok(insert.includes(STORED[dialectName].offlineDay), insert);
      assert.ok(insert.includes(`'[1,"x"]'`), insert);
    });
  });
}

const TIMES_REVISION = {
  revision: 'b10000000002',
  message: 'times',
  extra: `import { time, customType } from '${SRC}/schema/column-types.ts';`,
  upgrade: [
    "op.createTable('shifts', { id: integer().primaryKey(), t: time(), tz: customType('time with time zone'), t0: customType('time(0)') });",
    "op.execute('CREATE TABLE raw_shifts (id integer PRIMARY KEY, d date, ts timestamp, tstz timestamptz, t time, tz timetz)');",
    "const at = new Date('2024-01-02T03:04:05.123Z');",
    "op.bulkInsert('shifts', [{ id: 1, t: at, tz: at, t0: at }, { id: 2, t: null, tz: null, t0: null }]);",
    "op.bulkInsert('raw_shifts', [{ id: 1, d: at, ts: at, tstz: at, t: at, tz: at }]);",
  ].join('\n  '),
  downgrade: "op.dropTable('raw_shifts');\n  op.dropTable('shifts');",
};

describe('bulkInsert of a Date into PostgreSQL time columns', () => {
  let project: Project;
  const zone = process.env['TZ'];

  before(async () => {
    project = await createProject('postgresql');
    project.write(TIMES_REVISION);
  });

  after(async () => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
    await project?.dispose();
  });

  test('time and time with time zone take the UTC time of day, in tables made by ops or by raw SQL', async () => {
    process.env['TZ'] = 'America/New_York';
    await upgrade(project.ctx(), 'head');
    assert.deepEqual(await project.query('SELECT id, t::text AS t, tz::text AS tz, t0::text AS t0 FROM shifts ORDER BY id'), [
      { id: 1, t: '03:04:05.123', tz: '03:04:05.123+00', t0: '03:04:05' },
      { id: 2, t: null, tz: null, t0: null },
    ]);
    assert.deepEqual(
      await project.query("SELECT d::text AS d, ts::text AS ts, (tstz AT TIME ZONE 'UTC')::text AS tstz, t::text AS t, tz::text AS tz FROM raw_shifts"),
      [{ d: '2024-01-02', ts: '2024-01-02 03:04:05.123', tstz: '2024-01-02 03:04:05.123', t: '03:04:05.123', tz: '03:04:05.123+00' }],
    );
  });

  test('--sql writes values the server takes for those columns', async () => {
    const script = await upgradeSql(project.ctx(), 'head');
    const inserts = script.split('\n').filter((line) => /^INSERT INTO (raw_)?shifts /.test(line));
    assert.equal(inserts.length, 2, script);
    assert.match(inserts[0] ?? '', /^INSERT INTO shifts \(id, t, tz, t0\) VALUES \(1, '03:04:05\.123', '03:04:05\.123\+00', '03:04:05\.123'\)/);
    assert.equal(inserts[1], "INSERT INTO raw_shifts (id, d, ts, tstz, t, tz) VALUES (1, '2024-01-02 03:04:05.123+00', '2024-01-02 03:04:05.123+00', '2024-01-02 03:04:05.123+00', '2024-01-02 03:04:05.123+00', '2024-01-02 03:04:05.123+00');");
    // The server takes them (the tables exist since the online upgrade above).
    await project.query('DELETE FROM shifts');
    await project.query('DELETE FROM raw_shifts');
    for (const insert of inserts) await project.query(insert);
    assert.deepEqual(await project.query('SELECT t::text AS t, tz::text AS tz, t0::text AS t0 FROM shifts WHERE id = 1'), [
      { t: '03:04:05.123', tz: '03:04:05.123+00', t0: '03:04:05' },
    ]);
    assert.deepEqual(await project.query('SELECT t::text AS t, tz::text AS tz FROM raw_shifts'), [{ t: '03:04:05.123', tz: '03:04:05.123+00' }]);
  });
});
