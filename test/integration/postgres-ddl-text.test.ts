// The SQL text PostgreSQL's compile emits for each op kind: what `upgrade --sql` prints.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Statement } from '../../src/dialects/dialect.js';
import { postgresDialect as pg } from '../../src/dialects/postgres/index.js';
import type { Op } from '../../src/operations/ops.js';
import type { ColumnSnapshot, ColumnType, SchemaSnapshot, TableSnapshot } from '../../src/snapshot/types.js';

const EMPTY: SchemaSnapshot = { dialect: 'postgresql', tables: [], enums: [] };

function col(name: string, type: ColumnType, extra: Partial<ColumnSnapshot> = {}): ColumnSnapshot {
  return { name, type, nullable: true, default: null, autoincrement: false, comment: null, collation: null, ...extra };
}

function table(name: string, columns: ColumnSnapshot[], extra: Partial<TableSnapshot> = {}): TableSnapshot {
  return {
    schema: null, name, columns, primaryKey: null, foreignKeys: [], uniqueConstraints: [], checkConstraints: [],
    indexes: [], comment: null, ...extra,
  };
}

const mood: ColumnType = { name: 'enum', enumName: 'mood', values: ['happy', 'sad'] };
const users = table(
  'users',
  [
    col('id', { name: 'integer' }, { nullable: false, autoincrement: true }),
    col('name', { name: 'string', length: 50 }, { nullable: false, comment: "user's name" }),
    col('age', { name: 'integer' }, { default: '18' }),
    col('mood', mood),
    col('created_at', { name: 'dateTime', timezone: true }, { nullable: false, default: 'CURRENT_TIMESTAMP' }),
    col('code', { name: 'text' }, { collation: 'C' }),
  ],
  {
    primaryKey: { name: 'pk_users', columns: ['id'] },
    uniqueConstraints: [{ name: 'uq_users_name', columns: ['name'] }],
    checkConstraints: [{ name: 'ck_users_age', sql: 'age >= 0' }],
    indexes: [{ name: 'ix_users_age', elements: [{ column: 'age' }], unique: false, where: null }],
    comment: 'people',
  },
);

function sqlOf(ops: readonly Op[], before: SchemaSnapshot = EMPTY): string[] {
  return pg.compile(ops, { before }).map((s) => s.sql);
}

const on = { schema: null, table: 'users' } as const;

describe('PostgreSQL DDL text', () => {
  test('createTable creates the enum type it needs, the table with named constraints, comments and indexes', () => {
    assert.deepEqual(sqlOf([{ kind: 'createTable', table: users }]), [
      "CREATE TYPE mood AS ENUM ('happy', 'sad')",
      'CREATE TABLE users (\n' +
        '    id SERIAL NOT NULL,\n' +
        '    name VARCHAR(50) NOT NULL,\n' +
        '    age INTEGER DEFAULT 18,\n' +
        '    mood mood,\n' +
        '    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,\n' +
        '    code TEXT COLLATE "C",\n' +
        '    CONSTRAINT pk_users PRIMARY KEY (id),\n' +
        '    CONSTRAINT uq_users_name UNIQUE (name),\n' +
        '    CONSTRAINT ck_users_age CHECK (age >= 0)\n' +
        ')',
      "COMMENT ON TABLE users IS 'people'",
      "COMMENT ON COLUMN users.name IS 'user''s name'",
      'CREATE INDEX ix_users_age ON users (age)',
    ]);
  });

  test('createTable does not create an enum type that exists already or was created earlier in the list', () => {
    const before: SchemaSnapshot = { ...EMPTY, enums: [{ schema: null, name: 'mood', values: ['happy', 'sad'] }] };
    assert.equal(sqlOf([{ kind: 'createTable', table: users }], before).filter((s) => s.startsWith('CREATE TYPE')).length, 0);
    const withCreateEnum = sqlOf([
      { kind: 'createEnum', schema: null, name: 'mood', values: ['happy', 'sad'] },
      { kind: 'createTable', table: users },
    ]);
    assert.equal(withCreateEnum.filter((s) => s.startsWith('CREATE TYPE')).length, 1);
  });

  test('tables in a named schema are qualified, and so are their foreign keys; their enum types live in the default schema, as SQLAlchemy makes them', () => {
    const posts = table('posts', [col('id', { name: 'bigInteger' }, { nullable: false, autoincrement: true }), col('user_id', { name: 'integer' }), col('mood', mood)], {
      schema: 'app',
      primaryKey: { name: 'pk_posts', columns: ['id'] },
      foreignKeys: [{
        name: 'fk_posts_user_id_users', columns: ['user_id'], referredSchema: 'Auth', referredTable: 'users',
        referredColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'SET NULL',
      }],
    });
    assert.deepEqual(sqlOf([{ kind: 'createTable', table: posts }]), [
      "CREATE TYPE mood AS ENUM ('happy', 'sad')",
      'CREATE TABLE app.posts (\n' +
        '    id BIGSERIAL NOT NULL,\n' +
        '    user_id INTEGER,\n' +
        '    mood mood,\n' +
        '    CONSTRAINT pk_posts PRIMARY KEY (id),\n' +
        '    CONSTRAINT fk_posts_user_id_users FOREIGN KEY(user_id) REFERENCES "Auth".users (id) ON DELETE CASCADE ON UPDATE SET NULL\n' +
        ')',
    ]);
  });

  test('dropTable drops the enum types no remaining table uses', () => {
    const other = table('other', [col('mood', mood)]);
    const before: SchemaSnapshot = { ...EMPTY, tables: [other, users], enums: [{ schema: null, name: 'mood', values: ['happy', 'sad'] }] };
    const drop = (name: string): Op => ({ kind: 'dropTable', schema: null, table: name, existing: null });
    assert.deepEqual(sqlOf([drop('users')], before), ['DROP TABLE users']);
    assert.deepEqual(sqlOf([drop('users'), drop('other')], before), ['DROP TABLE users', 'DROP TABLE other', 'DROP TYPE mood']);
    assert.deepEqual(
      sqlOf([drop('users'), drop('other'), { kind: 'dropEnum', schema: null, name: 'mood', existingValues: null }], before),
      ['DROP TABLE users', 'DROP TABLE other', 'DROP TYPE mood'],
      'an explicit dropEnum after the implicit drop adds nothing',
    );
  });

  test('dropTable of a table the snapshot does not know drops its enum types only if they exist', () => {
    assert.deepEqual(sqlOf([{ kind: 'dropTable', schema: null, table: 'users', existing: users }]), ['DROP TABLE users', 'DROP TYPE IF EXISTS mood']);
  });

  test('table and column changes', () => {
    assert.deepEqual(
      sqlOf([
        { kind: 'renameTable', ...on, newName: 'Members' },
        { kind: 'addColumn', ...on, column: col('nick', { name: 'text' }, { default: "'x'::text", nullable: false, comment: 'nick' }) },
        { kind: 'dropColumn', ...on, column: 'nick', existing: null },
        { kind: 'renameColumn', ...on, column: 'name', newName: 'order' },
        { kind: 'setTableComment', ...on, comment: null, existing: 'people' },
      ]),
      [
        'ALTER TABLE users RENAME TO "Members"',
        "ALTER TABLE users ADD COLUMN nick TEXT DEFAULT 'x'::text NOT NULL",
        "COMMENT ON COLUMN users.nick IS 'nick'",
        'ALTER TABLE users DROP COLUMN nick',
        'ALTER TABLE users RENAME COLUMN name TO "order"',
        'COMMENT ON TABLE users IS NULL',
      ],
    );
  });

  test('alterColumn emits one statement per change, the rename last', () => {
    const existing = col('age', { name: 'integer' }, { default: '18' });
    assert.deepEqual(
      sqlOf([{
        kind: 'alterColumn', ...on, column: 'age', using: null, existing,
        changes: { type: { name: 'bigInteger' }, nullable: false, default: '21', comment: 'years', newName: 'years' },
      }]),
      [
        'ALTER TABLE users ALTER COLUMN age TYPE BIGINT',
        'ALTER TABLE users ALTER COLUMN age SET NOT NULL',
        'ALTER TABLE users ALTER COLUMN age SET DEFAULT 21',
        "COMMENT ON COLUMN users.age IS 'years'",
        'ALTER TABLE users RENAME COLUMN age TO years',
      ],
    );
  });

  test('alterColumn adds USING where no assignment cast exists, and moves the default out of the way', () => {
    const zip = col('zip', { name: 'string', length: 10 }, { default: "'0'::character varying" });
    assert.deepEqual(
      sqlOf([{ kind: 'alterColumn', ...on, column: 'zip', using: null, existing: zip, changes: { type: { name: 'integer' } } }]),
      [
        'ALTER TABLE users ALTER COLUMN zip DROP DEFAULT',
        'ALTER TABLE users ALTER COLUMN zip TYPE INTEGER USING zip::INTEGER',
        "ALTER TABLE users ALTER COLUMN zip SET DEFAULT ('0'::character varying)::INTEGER",
      ],
    );
    assert.deepEqual(
      sqlOf([{ kind: 'alterColumn', ...on, column: 'zip', using: "nullif(zip, '')::integer", existing: null, changes: { type: { name: 'integer' } } }]),
      ["ALTER TABLE users ALTER COLUMN zip TYPE INTEGER USING nullif(zip, '')::integer"],
    );
    assert.deepEqual(
      sqlOf([{ kind: 'alterColumn', ...on, column: 'age', using: null, existing: col('age', { name: 'integer' }), changes: { type: { name: 'text' } } }]),
      ['ALTER TABLE users ALTER COLUMN age TYPE TEXT'],
    );
  });

  test('alterColumn switches autoincrement with an identity (after dropping any default) and a sequence restart', () => {
    assert.deepEqual(
      sqlOf([{ kind: 'alterColumn', ...on, column: 'id', using: null, existing: null, changes: { autoincrement: true } }]),
      [
        'ALTER TABLE users ALTER COLUMN id DROP DEFAULT',
        'ALTER TABLE users ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY',
        "SELECT setval(pg_get_serial_sequence('users', 'id'), coalesce(max(id), 0) + 1, false) FROM users",
      ],
    );
    assert.deepEqual(
      sqlOf([{ kind: 'alterColumn', ...on, column: 'id', using: null, existing: null, changes: { autoincrement: false } }]),
      ['ALTER TABLE users ALTER COLUMN id DROP IDENTITY IF EXISTS', 'ALTER TABLE users ALTER COLUMN id DROP DEFAULT'],
    );
  });

  test('indexes: unique, partial, expression, descending, concurrently (outside a transaction)', () => {
    const statements: Statement[] = pg.compile(
      [
        {
          kind: 'createIndex', ...on, concurrently: false,
          index: { name: 'ix_a', elements: [{ expression: 'lower(name)' }, { column: 'age', descending: true }], unique: true, where: 'age > 0' },
        },
        { kind: 'createIndex', ...on, concurrently: true, index: { name: 'ix_b', elements: [{ column: 'name' }], unique: false, where: null } },
        { kind: 'dropIndex', ...on, name: 'ix_a', existing: null, concurrently: false },
        { kind: 'dropIndex', schema: 'app', table: 'users', name: 'ix_b', existing: null, concurrently: true },
      ],
      { before: EMPTY },
    );
    assert.deepEqual(statements, [
      { sql: 'CREATE UNIQUE INDEX ix_a ON users ((lower(name)), age DESC) WHERE age > 0', params: [], transactional: true },
      { sql: 'CREATE INDEX CONCURRENTLY ix_b ON users (name)', params: [], transactional: false },
      { sql: 'DROP INDEX ix_a', params: [], transactional: true },
      { sql: 'DROP INDEX CONCURRENTLY app.ix_b', params: [], transactional: false },
    ]);
  });

  test('constraints are added and dropped by name', () => {
    assert.deepEqual(
      sqlOf([
        { kind: 'createUniqueConstraint', ...on, constraint: { name: 'uq_email', columns: ['email', 'name'] } },
        { kind: 'createCheckConstraint', ...on, constraint: { name: 'ck_age', sql: 'age > 0' } },
        {
          kind: 'createForeignKey', ...on,
          constraint: { name: 'fk_team', columns: ['team_id'], referredSchema: null, referredTable: 'teams', referredColumns: ['id'], onDelete: 'SET NULL', onUpdate: null },
        },
        { kind: 'createPrimaryKey', ...on, constraint: { name: 'pk_users', columns: ['id'] } },
        { kind: 'dropConstraint', ...on, name: 'uq_email', type: 'unique', existing: null },
      ]),
      [
        'ALTER TABLE users ADD CONSTRAINT uq_email UNIQUE (email, name)',
        'ALTER TABLE users ADD CONSTRAINT ck_age CHECK (age > 0)',
        'ALTER TABLE users ADD CONSTRAINT fk_team FOREIGN KEY(team_id) REFERENCES teams (id) ON DELETE SET NULL',
        'ALTER TABLE users ADD CONSTRAINT pk_users PRIMARY KEY (id)',
        'ALTER TABLE users DROP CONSTRAINT uq_email',
      ],
    );
  });

  test('enum types: create, drop, add a value before or after another, rename a value', () => {
    assert.deepEqual(
      sqlOf([
        { kind: 'createEnum', schema: 'app', name: 'Mood', values: ['a', "b'c"] },
        { kind: 'addEnumValue', schema: 'app', name: 'Mood', value: 'z', before: null, after: null },
        { kind: 'addEnumValue', schema: 'app', name: 'Mood', value: 'x', before: 'a', after: null },
        { kind: 'addEnumValue', schema: 'app', name: 'Mood', value: 'y', before: null, after: 'a' },
        { kind: 'renameEnumValue', schema: 'app', name: 'Mood', from: 'a', to: 'A' },
        { kind: 'dropEnum', schema: 'app', name: 'Mood', existingValues: null },
      ]),
      [
        'CREATE TYPE app."Mood" AS ENUM (\'a\', \'b\'\'c\')',
        'ALTER TYPE app."Mood" ADD VALUE IF NOT EXISTS \'z\'',
        'ALTER TYPE app."Mood" ADD VALUE IF NOT EXISTS \'x\' BEFORE \'a\'',
        'ALTER TYPE app."Mood" ADD VALUE IF NOT EXISTS \'y\' AFTER \'a\'',
        'ALTER TYPE app."Mood" RENAME VALUE \'a\' TO \'A\'',
        'DROP TYPE app."Mood"',
      ],
    );
  });

  test('ADD VALUE stays transactional: PostgreSQL 12+ accepts it in a transaction block', () => {
    const [statement] = pg.compile([{ kind: 'addEnumValue', schema: null, name: 'mood', value: 'meh', before: null, after: null }], { before: EMPTY });
    assert.equal(statement?.transactional, true);
  });

  test('execute passes its SQL and parameters through', () => {
    assert.deepEqual(pg.compile([{ kind: 'execute', sql: 'UPDATE users SET age = $1', params: [3] }], { before: EMPTY }), [
      { sql: 'UPDATE users SET age = $1', params: [3], transactional: true },
    ]);
  });

  test('bulkInsert binds every value, fills missing keys with DEFAULT and splits at 65535 parameters', () => {
    const [small] = pg.compile([{ kind: 'bulkInsert', ...on, rows: [{ id: 1, name: 'a' }, { id: 2 }] }], { before: EMPTY });
    assert.deepEqual(small, { sql: 'INSERT INTO users (id, name) VALUES ($1, $2), ($3, DEFAULT)', params: [1, 'a', 2], transactional: true });
    const rows = Array.from({ length: 40000 }, (_, i) => ({ a: i, b: i }));
    const chunks = pg.compile([{ kind: 'bulkInsert', ...on, rows }], { before: EMPTY });
    assert.deepEqual(chunks.map((c) => c.params.length), [65534, 14466]);
    assert.ok(chunks.every((c) => c.params.length <= 65535));
  });

  test('batchAlterTable compiles its ops in order', () => {
    assert.deepEqual(
      sqlOf([{
        kind: 'batchAlterTable', ...on,
        ops: [
          { kind: 'addColumn', ...on, column: col('x', { name: 'boolean' }, { default: 'false' }) },
          { kind: 'dropColumn', ...on, column: 'y', existing: null },
        ],
      }]),
      ['ALTER TABLE users ADD COLUMN x BOOLEAN DEFAULT false', 'ALTER TABLE users DROP COLUMN y'],
    );
  });

  test('identifiers are quoted only where PostgreSQL needs it', () => {
    const names = ['users', 'order', 'user', 'select', 'Mixed Case', 'quote"d', 'naïve', 'emoji_🙂', '1st', 'name'];
    assert.deepEqual(names.map(pg.quoteIdentifier), [
      'users', '"order"', '"user"', '"select"', '"Mixed Case"', '"quote""d"', '"naïve"', '"emoji_🙂"', '"1st"', 'name',
    ]);
  });
});
