import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as seed from '../fixtures/models/seed.js';
import { schemaSnapshot, tableSnapshot } from '../../src/schema/to-snapshot.js';
import { collectTables } from '../../src/schema/collect-tables.js';
import { MetaData, bigInteger, customType, enumType, integer, sql, string, table, text, unique, index, foreignKey } from '../../src/schema/index.js';
import { fakeDialect } from './schema-fake-dialect.js';

const dialect = fakeDialect();

describe('tableSnapshot of the SPEC models', () => {
  test('books: integer PK autoincrements, columns nullable unless notNull, .index() is ix_<table>_<col>', () => {
    const books = tableSnapshot(seed.books, dialect);
    assert.deepEqual(books.primaryKey, { name: 'pk_books', columns: ['id'] });
    assert.deepEqual(
      books.columns.map((c) => [c.name, c.nullable, c.autoincrement]),
      [['id', false, true], ['title', false, false], ['author', false, false], ['pages', true, false], ['publication_date', true, false], ['price', true, false]],
    );
    assert.deepEqual(books.columns[1]?.type, { name: 'string', length: 200 });
    assert.deepEqual(books.indexes, [{ name: 'ix_books_author', elements: [{ column: 'author' }], unique: false, where: null }]);
  });

  test('users: .unique() is a uq_ constraint, defaults go through the dialect', () => {
    const users = tableSnapshot(seed.users, dialect);
    assert.deepEqual(users.uniqueConstraints, [{ name: 'uq_users_email', columns: ['email'] }]);
    const byName = new Map(users.columns.map((c) => [c.name, c]));
    assert.equal(byName.get('age')?.default, '18');
    assert.equal(byName.get('created_at')?.default, 'CURRENT_TIMESTAMP');
    assert.deepEqual(byName.get('created_at')?.type, { name: 'dateTime', timezone: true });
  });

  test('posts: references() gives a named FK; check() names wrap in the ck convention', () => {
    const posts = tableSnapshot(seed.posts, dialect);
    assert.deepEqual(posts.foreignKeys, [
      {
        name: 'fk_posts_user_id_users',
        columns: ['user_id'],
        referredSchema: null,
        referredTable: 'users',
        referredColumns: ['id'],
        onDelete: 'CASCADE',
        onUpdate: null,
      },
    ]);
    assert.deepEqual(posts.checkConstraints, [{ name: 'ck_posts_ck_posts_title_not_empty', sql: 'length(title) > 0' }]);
    assert.deepEqual(posts.indexes, [
      { name: 'ix_posts_user_title', elements: [{ column: 'user_id' }, { column: 'title' }], unique: false, where: null },
    ]);
  });

  test('student_courses: composite PK columns are not null and do not autoincrement; thunks resolve tables declared later', () => {
    const sc = tableSnapshot(seed.studentCourses, dialect);
    assert.deepEqual(sc.primaryKey, { name: 'pk_student_courses', columns: ['student_id', 'course_id'] });
    assert.ok(sc.columns.every((c) => !c.nullable && !c.autoincrement));
    assert.deepEqual(sc.foreignKeys.map((f) => [f.name, f.referredTable]), [
      ['fk_student_courses_course_id_courses', 'courses'],
      ['fk_student_courses_student_id_students', 'students'],
    ]);
  });

  test('schemaSnapshot sorts tables by name and carries the dialect name', () => {
    const snapshot = schemaSnapshot(collectTables([seed]), dialect);
    assert.equal(snapshot.dialect, 'fake');
    assert.deepEqual(snapshot.tables.map((t) => t.name), ['books', 'courses', 'posts', 'student_courses', 'students', 'users']);
    assert.deepEqual(snapshot.enums, []);
  });
});

describe('autoincrement follows SQLAlchemy', () => {
  const auto = (t: Parameters<typeof tableSnapshot>[0]): boolean[] => tableSnapshot(t, dialect).columns.map((c) => c.autoincrement);

  test('a bigInteger single PK autoincrements; a string PK does not', () => {
    assert.deepEqual(auto(table('a', { id: bigInteger().primaryKey() })), [true]);
    assert.deepEqual(auto(table('b', { code: string(5).primaryKey() })), [false]);
  });

  test('.autoincrement(false), a foreign key, or a server default turn it off', () => {
    assert.deepEqual(auto(table('a', { id: integer().primaryKey().autoincrement(false) })), [false]);
    assert.deepEqual(auto(table('b', { id: integer().primaryKey().references('a.id') })), [false]);
    assert.deepEqual(auto(table('c', { id: integer().primaryKey().default(1) })), [false]);
  });

  test('a non-PK column never autoincrements, even when asked', () => {
    assert.deepEqual(auto(table('a', { id: integer().primaryKey(), n: integer().autoincrement(true) })), [true, false]);
  });
});

describe('extras, options and MetaData', () => {
  test('.unique().index() is one unique index; expression and partial indexes inline values', () => {
    const t = table('accounts', { email: string(100).unique().index(), n: integer() }, () => [
      index('ix_lower').on(sql`lower(email)`).unique().where(sql`n > ${5} and email <> ${"o'k"}`),
    ]);
    const s = tableSnapshot(t, dialect);
    assert.deepEqual(s.uniqueConstraints, []);
    assert.deepEqual(s.indexes, [
      { name: 'ix_accounts_email', elements: [{ column: 'email' }], unique: true, where: null },
      { name: 'ix_lower', elements: [{ expression: 'lower(email)' }], unique: true, where: "n > 5 and email <> 'o''k'" },
    ]);
  });

  test('unique() without a name and foreignKey() get convention names', () => {
    const parent = table('parent', { a: integer().notNull(), b: integer().notNull() }, (t) => [unique().on(t.a, t.b)]);
    const child = table('child', { x: integer(), y: integer() }, (t) => [
      foreignKey({ columns: [t.x, t.y], foreignColumns: () => [parent.a, parent.b], onUpdate: 'set null' }),
    ]);
    assert.deepEqual(tableSnapshot(parent, dialect).uniqueConstraints, [{ name: 'uq_parent_a', columns: ['a', 'b'] }]);
    assert.deepEqual(tableSnapshot(child, dialect).foreignKeys, [
      {
        name: 'fk_child_x_parent',
        columns: ['x', 'y'],
        referredSchema: null,
        referredTable: 'parent',
        referredColumns: ['a', 'b'],
        onDelete: null,
        onUpdate: 'SET NULL',
      },
    ]);
  });

  test('MetaData gives its schema to tables and to string references; its convention overrides the default', () => {
    const md = new MetaData({ schema: 'app', namingConvention: { pk: 'pk_%(table_name)s_%(column_0_N_name)s', fk: 'fk_%(column_0N_name)s' } });
    md.table('users', { id: integer().primaryKey() });
    const orders = md.table('orders', { id: integer().primaryKey(), user_id: integer().references('users.id'), other: integer().references('ext.things.id') });
    const s = tableSnapshot(orders, dialect);
    assert.equal(s.schema, 'app');
    assert.deepEqual(s.primaryKey, { name: 'pk_orders_id', columns: ['id'] });
    assert.deepEqual(s.foreignKeys.map((f) => [f.name, f.referredSchema, f.referredTable]), [
      ['fk_other', 'ext', 'things'],
      ['fk_user_id', 'app', 'users'],
    ]);
  });

  test('%(column_0_label)s of a table in a schema starts with the schema, as SQLAlchemy 1.4 names it', () => {
    // SQLAlchemy 1.4, MetaData(schema='app', naming_convention={'ix': 'ix_%(column_0_label)s', 'uq': 'uq_%(column_0_label)s'}):
    //   CONSTRAINT uq_app_labelled_login UNIQUE (login)
    //   CREATE INDEX ix_app_labelled_org ON app.labelled (org)
    const convention = { ix: 'ix_%(column_0_label)s', uq: 'uq_%(column_0_label)s' };
    const app = new MetaData({ schema: 'app', namingConvention: convention });
    const s = tableSnapshot(app.table('labelled', { org: string(30).index(), login: string(30).unique() }), dialect);
    assert.deepEqual(s.indexes.map((i) => i.name), ['ix_app_labelled_org']);
    assert.deepEqual(s.uniqueConstraints.map((u) => u.name), ['uq_app_labelled_login']);
    const plain = tableSnapshot(new MetaData({ namingConvention: convention }).table('labelled', { org: string(30).index() }), dialect);
    assert.deepEqual(plain.indexes.map((i) => i.name), ['ix_labelled_org']);
  });

  test('an unnamed expression index is named after the first column the expression mentions, as in SQLAlchemy', () => {
    // SQLAlchemy 1.4 with 'ix': 'ix_%(table_name)s_%(column_0_name)s':
    //   Index(None, func.lower(t.c.title))                 -> CREATE INDEX ix_posts_title ON posts (lower(title))
    //   Index(None, func.coalesce(t.c.b, t.c.title), t.c.id) -> CREATE INDEX ix_posts_b ON posts (coalesce(b, title), id)
    // Its tree walk is breadth first: in `(a + b) * c` the least nested column, c, comes first.
    const t = table('posts', { id: integer().primaryKey(), title: string(), b: string(), c: integer() }, (t) => [
      index().on(sql`lower(title)`),
      index().on(sql`coalesce(b, title)`, t.id),
      index().on(sql`(length(title) + id) * c`),
    ]);
    assert.deepEqual(tableSnapshot(t, dialect).indexes.map((i) => i.name), ['ix_posts_b', 'ix_posts_c', 'ix_posts_title']);
  });

  test('a table comment and column comments are kept only where the dialect stores comments', () => {
    const t = table('notes', { body: text().comment('the text') }, { comment: 'notes table' });
    assert.equal(tableSnapshot(t, dialect).comment, 'notes table');
    assert.equal(tableSnapshot(t, dialect).columns[0]?.comment, 'the text');
    const noComments = fakeDialect({ comments: false });
    assert.equal(tableSnapshot(t, noComments).comment, null);
    assert.equal(tableSnapshot(t, noComments).columns[0]?.comment, null);
  });

  test('convention names longer than the identifier limit are shortened as SQLAlchemy does', () => {
    const long = 'x'.repeat(40);
    const t = table(long, { [long]: integer().index() });
    const name = tableSnapshot(t, dialect).indexes[0]?.name ?? '';
    assert.equal(name.length, 60);
    assert.match(name, /^ix_x{40}_x{11}_[0-9a-f]{4}$/);
  });

  test('enums live in the default schema on dialects with named enums, whatever the table\'s schema; conflicting values are an error', () => {
    const mood = enumType(['sad', 'ok'], { name: 'mood' });
    const a = table('a', { m: mood });
    const b = table('b', { m: mood.notNull() });
    assert.deepEqual(schemaSnapshot([a, b], dialect).enums, [{ schema: null, name: 'mood', values: ['sad', 'ok'] }]);
    assert.deepEqual(schemaSnapshot([a, b], fakeDialect({ namedEnums: false })).enums, []);
    const c = table('c', { m: enumType(['x'], { name: 'mood' }) });
    assert.throws(() => schemaSnapshot([a, c], dialect), /enum "mood" has different values in a.m and c.m/);
    // As SQLAlchemy's Enum, which does not inherit its table's schema.
    const inApp = new MetaData({ schema: 'app' }).table('d', { m: mood });
    assert.deepEqual(schemaSnapshot([a, inApp], dialect).enums, [{ schema: null, name: 'mood', values: ['sad', 'ok'] }]);
  });

  test('customType keeps its SQL; the column collation is kept', () => {
    const t = table('geo', { p: customType('GEOMETRY(Point, 4326)'), n: text().collate('C') });
    const [p, n] = tableSnapshot(t, dialect).columns;
    assert.deepEqual(p?.type, { name: 'custom', sql: 'GEOMETRY(Point, 4326)' });
    assert.equal(n?.collation, 'C');
  });
});
