import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderRevisionBodies } from '../../src/autogenerate/render/render-revision.js';
import type { TableSnapshot } from '../../src/snapshot/types.js';
import { col, idTable, tbl, varchar } from '../helpers/snapshot-builders.js';

const render = (table: TableSnapshot) => renderRevisionBodies([{ kind: 'createTable', table }], []);

describe('render: createTable', () => {
  test('columns as model builders, a single integer key on its column', () => {
    const out = render(idTable('books', [col('title', varchar(200), { nullable: false }), col('pages')]));
    assert.equal(
      out.upgrade,
      [
        "  op.createTable('books', {",
        '    id: integer().primaryKey(),',
        '    title: string(200).notNull(),',
        '    pages: integer(),',
        '  });',
      ].join('\n'),
    );
    assert.equal(out.imports, "import { type Operations, integer, string } from 'alembic-ts';");
  });

  test('extras name columns by string and keep the full constraint names', () => {
    const posts = idTable('posts', [col('title', varchar(200), { nullable: false }), col('user_id', undefined, { nullable: false })], {
      foreignKeys: [
        { name: 'fk_posts_user_id_users', columns: ['user_id'], referredSchema: null, referredTable: 'users', referredColumns: ['id'], onDelete: 'CASCADE', onUpdate: null },
      ],
      uniqueConstraints: [{ name: 'uq_posts_title', columns: ['title'] }],
      checkConstraints: [{ name: 'ck_posts_title_not_empty', sql: 'length(title) > 0' }],
      indexes: [
        { name: 'ix_posts_user_title', elements: [{ column: 'user_id' }, { column: 'title' }], unique: false, where: null },
        { name: 'ix_posts_lower', elements: [{ expression: 'lower(title)' }], unique: true, where: 'user_id > 0' },
      ],
    });
    assert.equal(
      render(posts).upgrade,
      [
        "  op.createTable('posts', {",
        '    id: integer().primaryKey(),',
        '    title: string(200).notNull(),',
        '    user_id: integer().notNull(),',
        '  }, [',
        "    foreignKey({ name: 'fk_posts_user_id_users', columns: ['user_id'], foreignColumns: ['users.id'], onDelete: 'cascade' }),",
        "    unique('uq_posts_title').on('title'),",
        "    check('ck_posts_title_not_empty', sql`length(title) > 0`),",
        "    index('ix_posts_user_title').on('user_id', 'title'),",
        "    index('ix_posts_lower').on(sql`lower(title)`).unique().where(sql`user_id > 0`),",
        '  ]);',
      ].join('\n'),
    );
  });

  test('a composite key is an extra; a key with an unconventional name says its name', () => {
    const cols = [col('a', undefined, { nullable: false }), col('b', undefined, { nullable: false })];
    assert.match(render(tbl('ab', cols, { primaryKey: { name: 'pk_ab', columns: ['a', 'b'] } })).upgrade, /\[\n {4}primaryKey\('a', 'b'\),\n/);
    assert.match(
      render(tbl('ab', cols, { primaryKey: { name: 'ab_pkey', columns: ['a'] } })).upgrade,
      / {4}primaryKey\(\{ name: 'ab_pkey', columns: \['a'\] \}\),/,
    );
  });

  test('autoincrement is written only where the model rule would decide otherwise', () => {
    const plainKey = render(tbl('t', [col('id', undefined, { nullable: false })], { primaryKey: { name: 'pk_t', columns: ['id'] } }));
    assert.match(plainKey.upgrade, /id: integer\(\)\.primaryKey\(\)\.autoincrement\(false\),/);
    const composite = render(
      tbl('t', [col('a', undefined, { nullable: false, autoincrement: true }), col('b', undefined, { nullable: false })], {
        primaryKey: { name: 'pk_t', columns: ['a', 'b'] },
      }),
    );
    assert.match(composite.upgrade, /a: integer\(\)\.notNull\(\)\.autoincrement\(\),/);
  });

  test('defaults: numbers and plain literals as values, anything else as sql', () => {
    const out = render(
      tbl('d', [
        col('n', undefined, { default: '18' }),
        col('neg', undefined, { default: "'-1'::integer" }),
        col('s', varchar(), { default: "'it''s'::character varying" }),
        col('flag', { name: 'boolean' }, { default: 'true' }),
        col('bit', { name: 'boolean' }, { default: '0' }),
        col('at', { name: 'dateTime', timezone: true }, { default: 'now()' }),
        col('odd', { name: 'numeric', precision: 10, scale: 2 }, { default: '1.50' }),
      ]),
    );
    assert.equal(
      out.upgrade,
      [
        "  op.createTable('d', {",
        '    n: integer().default(18),',
        '    neg: integer().default(-1),',
        "    s: string(50).default('it\\'s'),",
        '    flag: boolean().default(true),',
        '    bit: boolean().default(false),',
        '    at: dateTime({ timezone: true }).default(sql`now()`),',
        '    odd: numeric(10, 2).default(sql`1.50`),',
        '  });',
      ].join('\n'),
    );
  });

  test('every column type has its builder; PostgreSQL-only ones come from alembic-ts/postgresql', () => {
    const out = render(
      tbl('all', [
        col('a', { name: 'bigInteger' }),
        col('b', { name: 'smallInteger' }),
        col('c', { name: 'string', length: null }),
        col('d', { name: 'float' }),
        col('e', { name: 'double' }),
        col('f', { name: 'numeric', precision: null, scale: null }),
        col('g', { name: 'numeric', precision: 8, scale: null }),
        col('h', { name: 'date' }),
        col('i', { name: 'dateTime', timezone: false }),
        col('j', { name: 'time' }),
        col('k', { name: 'json' }),
        col('l', { name: 'binary' }),
        col('m', { name: 'uuid' }),
        col('n', { name: 'enum', enumName: 'mood', values: ['a', 'b'] }),
        col('o', { name: 'jsonb' }),
        col('p', { name: 'array', of: { name: 'string', length: 10 } }),
        col('q', { name: 'inet' }),
        col('r', { name: 'custom', sql: 'GEOMETRY(Point,4326)' }),
        col('s', { name: 'citext' }, { comment: 'case-free', collation: 'C' }),
      ]),
    );
    assert.equal(
      out.upgrade,
      [
        "  op.createTable('all', {",
        '    a: bigInteger(),',
        '    b: smallInteger(),',
        '    c: string(),',
        '    d: float(),',
        '    e: double(),',
        '    f: numeric(),',
        '    g: numeric(8),',
        '    h: date(),',
        '    i: dateTime(),',
        '    j: time(),',
        '    k: json(),',
        '    l: binary(),',
        '    m: uuid(),',
        "    n: enumType(['a', 'b'], { name: 'mood' }),",
        '    o: jsonb(),',
        '    p: array(string(10)),',
        '    q: inet(),',
        "    r: customType('GEOMETRY(Point,4326)'),",
        "    s: citext().comment('case-free').collate('C'),",
        '  });',
      ].join('\n'),
    );
    assert.equal(
      out.imports,
      [
        "import { type Operations, bigInteger, binary, customType, date, dateTime, double, enumType, float, json, numeric, smallInteger, string, time, uuid } from 'alembic-ts';",
        "import { array, citext, inet, jsonb } from 'alembic-ts/postgresql';",
      ].join('\n'),
    );
  });

  test('schema and comment go in the options; odd names are quoted', () => {
    const table: TableSnapshot = { ...tbl("it's", [col('first name')]), schema: 'app', comment: 'Odd' };
    assert.equal(
      render(table).upgrade,
      ["  op.createTable('it\\'s', {", "    'first name': integer(),", "  }, { schema: 'app', comment: 'Odd' });"].join('\n'),
    );
  });

  test('an unnamed CHECK (as SQLite reports it) is added after the table', () => {
    const out = render(tbl('t', [col('a')], { checkConstraints: [{ name: null, sql: 'a > 0' }] }));
    assert.equal(
      out.upgrade,
      ["  op.createTable('t', {", '    a: integer(),', '  });', "  op.createCheckConstraint(null, 't', sql`a > 0`);"].join('\n'),
    );
  });

  test('SQL text with backticks, backslashes and ${ survives the template literal', () => {
    const out = render(tbl('t', [col('a', { name: 'text' })], { checkConstraints: [{ name: 'ck', sql: "a <> '`\\${x}'" }] }));
    assert.match(out.upgrade, /check\('ck', sql`a <> '\\`\\\\\\\$\{x\}'`\)/);
  });
});
