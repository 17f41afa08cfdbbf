/**
 * Names that break naive SQL: quotes, backslashes, spaces, unicode, reserved words, mixed
 * case and names of the maximum length (63 bytes on PostgreSQL, in UTF-8 bytes, with the
 * naming convention's md5-shortened names past it). They go through autogenerate, upgrade,
 * `check`, renames, the SQLite table rebuild, downgrade and the hand-written `op` API, and
 * every row survives. A name over the limit is refused by the model language, by name,
 * instead of being cut by the database (which would make autogenerate see a difference forever).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createDatabase, DIALECTS, type DialectName, type TestDatabase } from '../helpers/databases.js';
import { assertOneError, createFaultProject, fingerprint, withDb, type FaultProject } from './fault-project.js';

const T_ORDERS = 'Order Details "Q1"';
const T_SELECT = 'select';
const T_SELECT_RENAMED = 'Where\\To';
/** 63 bytes: the longest PostgreSQL name. */
const T_LONG = `t_${'x'.repeat(61)}`;
/** 63 bytes in 21 characters: convention names built on it pass 63 bytes long before 63 characters. */
const T_KANJI = '日'.repeat(21);

const C_QUOTE = "it's";
const C_QUOTE_RENAMED = 'it\'s "renamed"';
const C_BACKSLASH = 'back\\slash';
const C_SPACE = 'with space';
const C_RESERVED = 'from';
const C_UNICODE = 'Ünïcode_名前';
const C_FK = 'select';
const C_MIXED = 'MixedCase';
const C_ADDED = 'naïve; --col';
const C_LONG = `c_${'y'.repeat(61)}`;
/** 31 two-byte characters and one byte: 63 bytes. */
const C_ACCENTS = `${'é'.repeat(31)}z`;

const lit = (name: string): string => JSON.stringify(name);
/** Identifier quoting for the test's own SQL, the same on both dialects. */
const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function models(version: 1 | 2): string {
  const selectName = version === 1 ? T_SELECT : T_SELECT_RENAMED;
  const quoteColumn = version === 1 ? C_QUOTE : C_QUOTE_RENAMED;
  return `import { table, integer, string, text, index, unique, check, sql } from 'alembic-ts';

export const selectTable = table(${lit(selectName)}, {
  id: integer().primaryKey(),
  group: string(10).notNull(),
});

export const orders = table(${lit(T_ORDERS)}, {
  id: integer().primaryKey(),
  ${lit(quoteColumn)}: string(${version === 1 ? 40 : 80}).notNull(),
  ${lit(C_BACKSLASH)}: text(),
  ${lit(C_SPACE)}: integer().index(),
  ${lit(C_RESERVED)}: integer().unique(),
  ${lit(C_UNICODE)}: string(20),
  ${lit(C_FK)}: integer().references(${lit(`${selectName}.id`)}, { onDelete: 'cascade' }),
  ${lit(C_MIXED)}: integer().default(7),
  ${version === 2 ? `${lit(C_ADDED)}: string(30),` : ''}
}, (t) => [
  check('qty "positive"', sql\`${q(C_SPACE)} >= 0\`),
  index('ix "odd" \\\\name').on(${lit(quoteColumn)}, ${lit(C_BACKSLASH)}),
  unique('uq; drop table x').on(${lit(C_UNICODE)}, ${lit(C_RESERVED)}),
  ${version === 2 ? `index('ix lower ünï').on(sql\`lower(${q(C_UNICODE)})\`),` : ''}
]);

export const long = table(${lit(T_LONG)}, {
  id: integer().primaryKey(),
  ${lit(C_LONG)}: integer().notNull().index(),
  ${lit(C_ACCENTS)}: string(10).unique(),
  parent: integer().references(${lit(`${T_LONG}.id`)}),
});

export const kanji = table(${lit(T_KANJI)}, {
  id: integer().primaryKey(),
  名前: string(10).index(),
  ${lit(T_LONG)}: integer().references(${lit(`${T_LONG}.id`)}),
});
`;
}

interface OrderRow {
  readonly id: number;
  readonly quote: string;
  readonly backslash: string;
  readonly unicode: string;
}

async function orderRows(dialect: DialectName, url: string, quoteColumn: string): Promise<OrderRow[]> {
  return withDb(dialect, url, async (db) =>
    (await db.query(`SELECT id, ${q(quoteColumn)} AS quote, ${q(C_BACKSLASH)} AS backslash, ${q(C_UNICODE)} AS unicode FROM ${q(T_ORDERS)} ORDER BY id`)).map(
      (r) => ({ id: Number(r['id']), quote: String(r['quote']), backslash: String(r['backslash']), unicode: String(r['unicode']) }),
    ),
  );
}

const ROWS: readonly OrderRow[] = [
  { id: 1, quote: "O'Brien \"Jr\"", backslash: 'C:\\temp\\', unicode: 'ünï 名前 🚀' },
  { id: 2, quote: 'plain', backslash: '\\\\', unicode: 'x' },
];

for (const dialect of DIALECTS) {
  describe(`hostile identifiers on ${dialect}`, () => {
    let database: TestDatabase;
    let project: FaultProject;
    before(async () => {
      database = await createDatabase(dialect);
      project = createFaultProject(database.url);
    });
    after(async () => {
      project.dispose();
      await database.dispose();
    });

    test('autogenerate writes them, upgrade creates them, check finds nothing to change', async () => {
      project.write('src/models.ts', models(1));
      const revision = project.run('revision', '--autogenerate', '-m', 'hostile names');
      assert.equal(revision.status, 0, revision.stderr);
      const upgraded = project.run('upgrade', 'head');
      assert.equal(upgraded.status, 0, upgraded.stderr);
      const check = project.run('check');
      assert.equal(check.status, 0, check.stdout + check.stderr);

      await withDb(dialect, database.url, async (db) => {
        await db.query(`INSERT INTO ${q(T_SELECT)} (id, ${q('group')}) VALUES (1, 'g')`);
        for (const row of ROWS) {
          await db.query(
            `INSERT INTO ${q(T_ORDERS)} (id, ${q(C_QUOTE)}, ${q(C_BACKSLASH)}, ${q(C_UNICODE)}, ${q(C_FK)}, ${q(C_SPACE)}) VALUES ($1, $2, $3, $4, 1, 5)`,
            [row.id, row.quote, row.backslash, row.unicode],
          );
        }
        await db.query(`INSERT INTO ${q(T_LONG)} (id, ${q(C_LONG)}, ${q(C_ACCENTS)}) VALUES (1, 1, 'é')`);
        await db.query(`INSERT INTO ${q(T_KANJI)} (id, ${q('名前')}, ${q(T_LONG)}) VALUES (1, '名', 1)`);
        const mixed = await db.query(`SELECT ${q(C_MIXED)} AS m FROM ${q(T_ORDERS)} WHERE id = 1`);
        assert.equal(Number(mixed[0]?.['m']), 7, 'the default on a mixed-case column applies');
        await assert.rejects(
          db.query(`INSERT INTO ${q(T_ORDERS)} (id, ${q(C_QUOTE)}, ${q(C_SPACE)}) VALUES (3, 'x', -1)`),
          /check/i,
          'the CHECK on a quoted column name is in force',
        );
      });
      assert.deepEqual(await orderRows(dialect, database.url, C_QUOTE), ROWS);
    });

    test('renames, an added column, a type change (a rebuild on SQLite) and an expression index keep every row', async () => {
      project.write('src/models.ts', models(2));
      const revision = project.run(
        'revision',
        '--autogenerate',
        '-m',
        'rename hostile names',
        '--rename-table',
        `${T_SELECT}=${T_SELECT_RENAMED}`,
        '--rename',
        `${T_ORDERS}.${C_QUOTE}=${C_QUOTE_RENAMED}`,
      );
      assert.equal(revision.status, 0, revision.stderr);
      const written = project.read(`migrations/versions/${project.versionFiles().find((f) => f.includes('rename_hostile_names'))!}`);
      for (const call of ['op.renameTable(', 'op.renameColumn(', 'op.alterColumn(', 'op.addColumn(', 'op.createIndex(']) {
        assert.ok(written.includes(call), `the revision has ${call}`);
      }
      const upgraded = project.run('upgrade', 'head');
      assert.equal(upgraded.status, 0, upgraded.stderr);
      const check = project.run('check');
      assert.equal(check.status, 0, check.stdout + check.stderr);
      assert.deepEqual(await orderRows(dialect, database.url, C_QUOTE_RENAMED), ROWS);
      await withDb(dialect, database.url, async (db) => {
        assert.deepEqual(await db.query(`SELECT count(*) AS n FROM ${q(T_SELECT_RENAMED)}`), [{ n: dialect === 'sqlite' ? 1 : '1' }]);
        await db.query(`DELETE FROM ${q(T_SELECT_RENAMED)} WHERE id = 1`);
        assert.deepEqual(await orderRows(dialect, database.url, C_QUOTE_RENAMED), [], 'ON DELETE CASCADE survived the renames');
        await db.query(`INSERT INTO ${q(T_SELECT_RENAMED)} (id, ${q('group')}) VALUES (1, 'g')`);
        for (const row of ROWS) {
          await db.query(
            `INSERT INTO ${q(T_ORDERS)} (id, ${q(C_QUOTE_RENAMED)}, ${q(C_BACKSLASH)}, ${q(C_UNICODE)}, ${q(C_FK)}) VALUES ($1, $2, $3, $4, 1)`,
            [row.id, row.quote, row.backslash, row.unicode],
          );
        }
      });
    });

    test('downgrade undoes the renames with every row, and upgrade redoes them', async () => {
      const down = project.run('downgrade', '-1');
      assert.equal(down.status, 0, down.stderr);
      assert.deepEqual(await orderRows(dialect, database.url, C_QUOTE), ROWS);
      project.write('src/models.ts', models(1));
      const back = project.run('check');
      assert.equal(back.status, 1, 'one revision behind head');
      assert.doesNotMatch(back.stdout, /differ/, back.stdout);
      const up = project.run('upgrade', 'head');
      assert.equal(up.status, 0, up.stderr);
      project.write('src/models.ts', models(2));
      const check = project.run('check');
      assert.equal(check.status, 0, check.stdout + check.stderr);
      assert.deepEqual(await orderRows(dialect, database.url, C_QUOTE_RENAMED), ROWS);
    });

    test('the hand-written op API takes the same names, up and down', async () => {
      const T = 'op "table" \\ ünï';
      const RENAMED = 'op table; renamed';
      const path = project.addRevision({
        revision: 'face00000001',
        down: (JSON.parse(project.run('--json', 'heads').stdout) as { revision: string }[])[0]!.revision,
        message: 'op api',
        imports: ['integer', 'string', 'sql'],
        upgrade: [
          `op.createTable(${lit(T)}, { id: integer().primaryKey(), ${lit(C_QUOTE)}: string(20) });`,
          `op.addColumn(${lit(T)}, ${lit(C_RESERVED)}, integer());`,
          `op.bulkInsert(${lit(T)}, [{ id: 1, ${lit(C_QUOTE)}: "a'b", ${lit(C_RESERVED)}: 3 }]);`,
          `op.renameColumn(${lit(T)}, ${lit(C_QUOTE)}, ${lit(C_UNICODE)});`,
          `op.alterColumn(${lit(T)}, ${lit(C_RESERVED)}, { nullable: false, type: string(40), existing: { type: integer(), nullable: true } });`,
          `op.createIndex('ix "op" ü', ${lit(T)}, [${lit(C_UNICODE)}]);`,
          `op.createUniqueConstraint('uq "op"', ${lit(T)}, [${lit(C_RESERVED)}]);`,
          `op.createCheckConstraint('ck op\\'s', ${lit(T)}, sql\`length(${q(C_RESERVED)}) > 0\`);`,
          `op.createForeignKey('fk "op" → orders', ${lit(T)}, ${lit(T_ORDERS)}, ['id'], ['id']);`,
          `op.renameTable(${lit(T)}, ${lit(RENAMED)});`,
        ].join('\n  '),
        downgrade: [
          `op.renameTable(${lit(RENAMED)}, ${lit(T)});`,
          `op.dropConstraint('fk "op" → orders', ${lit(T)}, { type: 'foreignkey' });`,
          `op.dropConstraint('ck op\\'s', ${lit(T)}, { type: 'check' });`,
          `op.dropConstraint('uq "op"', ${lit(T)}, { type: 'unique' });`,
          `op.dropIndex('ix "op" ü', ${lit(T)});`,
          `op.dropTable(${lit(T)});`,
        ].join('\n  '),
      });
      const up = project.run('upgrade', 'head');
      assert.equal(up.status, 0, up.stderr);
      await withDb(dialect, database.url, async (db) => {
        assert.deepEqual(
          (await db.query(`SELECT id, ${q(C_UNICODE)} AS u, ${q(C_RESERVED)} AS f FROM ${q(RENAMED)}`)).map((r) => [Number(r['id']), r['u'], String(r['f'])]),
          [[1, "a'b", '3']],
        );
        await assert.rejects(db.query(`INSERT INTO ${q(RENAMED)} (id, ${q(C_RESERVED)}) VALUES (2, '3')`), /unique/i);
        await assert.rejects(db.query(`INSERT INTO ${q(RENAMED)} (id, ${q(C_RESERVED)}) VALUES (99, '9')`), /foreign key/i);
      });
      const down = project.run('downgrade', '-1');
      assert.equal(down.status, 0, down.stderr);
      rmSync(join(project.dir, path));
      const check = project.run('check');
      assert.equal(check.status, 0, check.stdout + check.stderr);
    });

    if (dialect === 'postgresql') {
      for (const [what, name] of [
        ['a table name of 64 ASCII bytes', `t_${'x'.repeat(62)}`],
        ['a column name of 63 characters but 64 bytes', `${'é'.repeat(1)}${'z'.repeat(62)}`],
        ['an index name of 64 bytes', `ix_${'i'.repeat(61)}`],
      ] as const) {
        test(`${what} is refused by name, before anything is written or run`, async () => {
          const models =
            what.startsWith('a table')
              ? `export const t = table(${lit(name)}, { id: integer().primaryKey() });`
              : what.startsWith('a column')
                ? `export const t = table('short', { id: integer().primaryKey(), ${lit(name)}: integer() });`
                : `export const t = table('short', { id: integer().primaryKey(), v: integer().index(${lit(name)}) });`;
          project.write('src/models.ts', `import { table, integer } from 'alembic-ts';\n${models}\n`);
          const before = await fingerprint(dialect, database.url);
          const files = project.versionFiles();
          for (const args of [['check'], ['revision', '--autogenerate', '-m', 'too long']]) {
            assertOneError(project.run(...args), 1, new RegExp(`"${name}" is 64 bytes long, over the 63-byte limit`));
          }
          assert.deepEqual(project.versionFiles(), files);
          assert.equal(await fingerprint(dialect, database.url), before);
        });
      }
    }
  });
}
