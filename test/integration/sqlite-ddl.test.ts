import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CompileContext, Statement, StoredObject } from '../../src/dialects/dialect.js';
import { sqliteDialect } from '../../src/dialects/sqlite/index.js';
import type { Op, TableOp } from '../../src/operations/ops.js';
import type { SchemaSnapshot, TableSnapshot } from '../../src/snapshot/types.js';
import { col } from '../helpers/snapshot-builders.js';


const users: TableSnapshot = {
  schema: null,
  name: 'users',
  columns: [
    col('id', { name: 'integer' }, { nullable: false, autoincrement: true }),
    col('name', { name: 'string', length: 50 }, { nullable: false, collation: 'NOCASE' }),
    col('age', { name: 'integer' }, { default: '18' }),
    col('created_at', { name: 'dateTime', timezone: false }, { default: 'CURRENT_TIMESTAMP' }),
    col('score', { name: 'float' }, { default: '1 + 1' }),
  ],
  primaryKey: { name: 'pk_users', columns: ['id'] },
  foreignKeys: [],
  uniqueConstraints: [{ name: null, columns: ['name'] }],
  checkConstraints: [{ name: 'ck_users_age', sql: 'age >= 0' }],
  indexes: [
    { name: 'ix_users_lower_name', elements: [{ expression: 'lower(name)' }, { column: 'age', descending: true }], unique: false, where: 'age > 0' },
  ],
  comment: null,
};

const posts: TableSnapshot = {
  schema: null,
  name: 'posts',
  columns: [col('id', { name: 'integer' }, { nullable: false, autoincrement: true }), col('user_id'), col('title', { name: 'text' })],
  primaryKey: { name: null, columns: ['id'] },
  foreignKeys: [
    { name: 'fk_posts_user', columns: ['user_id'], referredSchema: null, referredTable: 'users', referredColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'SET NULL' },
  ],
  uniqueConstraints: [],
  checkConstraints: [],
  indexes: [],
  comment: null,
};

const before: SchemaSnapshot = { dialect: 'sqlite', tables: [posts, users], enums: [] };
const context: CompileContext = { before };
const on = { schema: null, table: 'users' } as const;
const sqlOf = (ops: Op[], ctx: CompileContext = context): string[] => sqliteDialect.compile(ops, ctx).map((s) => s.sql);

/** The statements of a rebuild of `users`, checked for their shape; returns the CREATE TABLE of the new table. */
function rebuildOf(statements: Statement[]): string {
  assert.ok(statements.every((s) => s.sessionSetting?.name === 'foreign_keys' && s.sessionSetting.value === 'OFF'));
  const sql = statements.map((s) => s.sql);
  const create = sql.find((s) => s.startsWith('CREATE TABLE _alembic_tmp_users'));
  assert.ok(create, sql.join('\n'));
  assert.ok(sql.includes('DROP TABLE users'));
  assert.ok(sql.includes('ALTER TABLE _alembic_tmp_users RENAME TO users'));
  const checks = statements.filter((s) => s.assertNoRows !== undefined && s.sql.includes('foreign_key_check'));
  assert.deepEqual(checks.map((s) => s.params), [['users'], ['posts']]);
  return create;
}

describe('SQLite DDL', () => {
  test('createTable writes constraints at table level, then the indexes', () => {
    assert.deepEqual(sqliteDialect.createTableStatements(users).map((s) => s.sql), [
      [
        'CREATE TABLE users (',
        '  id INTEGER NOT NULL,',
        '  name VARCHAR(50) NOT NULL COLLATE "NOCASE",',
        '  age INTEGER DEFAULT 18,',
        '  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,',
        '  score FLOAT DEFAULT (1 + 1),',
        '  CONSTRAINT pk_users PRIMARY KEY (id),',
        '  UNIQUE (name),',
        '  CONSTRAINT ck_users_age CHECK (age >= 0)',
        ')',
      ].join('\n'),
      'CREATE INDEX ix_users_lower_name ON users (lower(name), age DESC) WHERE age > 0',
    ]);
    assert.deepEqual(sqlOf([{ kind: 'createTable', table: posts }]), [
      [
        'CREATE TABLE posts (',
        '  id INTEGER NOT NULL,',
        '  user_id INTEGER,',
        '  title TEXT,',
        '  PRIMARY KEY (id),',
        '  CONSTRAINT fk_posts_user FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE SET NULL',
        ')',
      ].join('\n'),
    ]);
  });

  test('dropTable, renameTable and renameColumn are native', () => {
    // Then the check that no row refers to the dropped table (sqlite-rebuild.test.ts).
    assert.deepEqual(sqlOf([{ kind: 'dropTable', ...on, existing: null }])[0], 'DROP TABLE users');
    assert.deepEqual(sqlOf([{ kind: 'renameTable', ...on, newName: 'order' }]), ['ALTER TABLE users RENAME TO "order"']);
    assert.deepEqual(sqlOf([{ kind: 'renameColumn', ...on, column: 'age', newName: 'Age' }]), ['ALTER TABLE users RENAME COLUMN age TO "Age"']);
  });

  test('addColumn is native when SQLite allows it, a rebuild otherwise', () => {
    assert.deepEqual(sqlOf([{ kind: 'addColumn', ...on, column: col('nick', { name: 'string', length: 20 }) }]), [
      'ALTER TABLE users ADD COLUMN nick VARCHAR(20)',
    ]);
    assert.deepEqual(sqlOf([{ kind: 'addColumn', ...on, column: col('level', { name: 'integer' }, { nullable: false, default: '1' }) }]), [
      'ALTER TABLE users ADD COLUMN level INTEGER NOT NULL DEFAULT 1',
    ]);
    const stamped = sqliteDialect.compile([{ kind: 'addColumn', ...on, column: col('seen', { name: 'date' }, { default: 'CURRENT_DATE' }) }], context);
    assert.match(rebuildOf(stamped), /seen DATE DEFAULT CURRENT_DATE,/);
    const required = sqliteDialect.compile([{ kind: 'addColumn', ...on, column: col('must', { name: 'text' }, { nullable: false }) }], context);
    assert.match(rebuildOf(required), /must TEXT NOT NULL,/);
  });

  test('dropColumn is native for a free column, a rebuild for one an index or constraint uses', () => {
    assert.deepEqual(sqlOf([{ kind: 'dropColumn', ...on, column: 'score', existing: null }]), ['ALTER TABLE users DROP COLUMN score']);
    const indexed = sqliteDialect.compile([{ kind: 'dropColumn', ...on, column: 'age', existing: null }], context);
    const create = rebuildOf(indexed);
    assert.doesNotMatch(create, /age/);
    assert.ok(!indexed.some((s) => s.sql.startsWith('CREATE INDEX')));
    assert.ok(indexed.some((s) => s.sql.startsWith('INSERT INTO _alembic_tmp_users (id, name, created_at, score) SELECT id, name, created_at, score FROM users')));
  });

  test('alterColumn is a rebuild that copies with a CAST where the affinity changes', () => {
    const statements = sqliteDialect.compile(
      [{ kind: 'alterColumn', ...on, column: 'age', changes: { type: { name: 'text' }, nullable: false }, using: null, existing: null }],
      context,
    );
    assert.match(rebuildOf(statements), /age TEXT NOT NULL DEFAULT 18,/);
    assert.deepEqual(statements.map((s) => s.sql), [
      'SAVEPOINT alembic_rebuild',
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? COLLATE NOCASE",
      'SELECT * FROM users WHERE age IS NULL LIMIT 3',
      statements[3]!.sql,
      'INSERT INTO _alembic_tmp_users (id, name, age, created_at, score) SELECT id, name, CAST(age AS TEXT), created_at, score FROM users',
      'DROP TABLE users',
      'ALTER TABLE _alembic_tmp_users RENAME TO users',
      'CREATE INDEX ix_users_lower_name ON users (lower(name), age DESC) WHERE age > 0',
      'SELECT * FROM pragma_foreign_key_check(?)',
      'SELECT * FROM pragma_foreign_key_check(?)',
      'RELEASE alembic_rebuild',
    ]);
    assert.match(statements[1]!.assertNoRows!, /table "users" has triggers this migration does not know of/);
  });

  test('alterColumn that SQLite cannot see compiles to nothing', () => {
    const ops: Op[] = [
      { kind: 'alterColumn', ...on, column: 'age', changes: { comment: 'years' }, using: null, existing: null },
      { kind: 'alterColumn', ...on, column: 'age', changes: { type: { name: 'custom', sql: 'INTEGER' } }, using: null, existing: null },
      { kind: 'setTableComment', ...on, comment: 'people', existing: null },
    ];
    assert.deepEqual(sqlOf(ops), []);
  });

  test('alterColumn with a new name renames natively, then rebuilds under the new name', () => {
    const sql = sqlOf([{ kind: 'alterColumn', ...on, column: 'age', changes: { newName: 'years', nullable: false }, using: null, existing: null }]);
    assert.equal(sql[0], 'ALTER TABLE users RENAME COLUMN age TO years');
    assert.ok(sql.some((s) => s.includes('years INTEGER NOT NULL DEFAULT 18')));
  });

  test('createIndex and dropIndex are native', () => {
    const index = { name: 'ux_users_name', elements: [{ column: 'name' }], unique: true, where: null };
    assert.deepEqual(sqlOf([{ kind: 'createIndex', ...on, index, concurrently: false }]), ['CREATE UNIQUE INDEX ux_users_name ON users (name)']);
    assert.deepEqual(sqlOf([{ kind: 'dropIndex', ...on, name: 'ix_users_lower_name', existing: null, concurrently: false }]), [
      'DROP INDEX ix_users_lower_name',
    ]);
  });

  test('constraint ops are rebuilds with the constraint in the new table', () => {
    const fk = { name: 'fk_users_age', columns: ['age'], referredSchema: null, referredTable: 'posts', referredColumns: ['id'], onDelete: 'SET NULL', onUpdate: null } as const;
    const cases: [Op, RegExp][] = [
      [{ kind: 'createUniqueConstraint', ...on, constraint: { name: 'uq_users_age', columns: ['age'] } }, /CONSTRAINT uq_users_age UNIQUE \(age\)/],
      [{ kind: 'createCheckConstraint', ...on, constraint: { name: null, sql: 'score < 100' } }, /\n {2}CHECK \(score < 100\)/],
      [{ kind: 'createForeignKey', ...on, constraint: fk }, /CONSTRAINT fk_users_age FOREIGN KEY\(age\) REFERENCES posts \(id\) ON DELETE SET NULL/],
      [{ kind: 'dropConstraint', ...on, name: 'ck_users_age', type: 'check', existing: null }, /^(?![\s\S]*ck_users_age)/],
    ];
    for (const [op, pattern] of cases) assert.match(rebuildOf(sqliteDialect.compile([op], context)), pattern, op.kind);
    const bare: TableSnapshot = { ...users, primaryKey: null, indexes: [] };
    const pk = sqliteDialect.compile([{ kind: 'createPrimaryKey', ...on, constraint: { name: 'pk_new', columns: ['id', 'name'] } }], {
      before: { ...before, tables: [posts, bare] },
    });
    assert.match(rebuildOf(pk), /CONSTRAINT pk_new PRIMARY KEY \(id, name\)/);
  });

  test('consecutive ops on one table, and a batch, are one rebuild', () => {
    const ops: TableOp[] = [
      { kind: 'alterColumn', ...on, column: 'age', changes: { nullable: false }, using: null, existing: null },
      { kind: 'addColumn', ...on, column: col('nick') },
      { kind: 'dropColumn', ...on, column: 'score', existing: null },
    ];
    const count = (sql: string[]): number => sql.filter((s) => s.startsWith('DROP TABLE users')).length;
    assert.equal(count(sqlOf(ops)), 1);
    assert.equal(count(sqlOf([{ kind: 'batchAlterTable', ...on, ops }])), 1);
    const other: Op = { kind: 'addColumn', schema: null, table: 'posts', column: col('x') };
    const split = sqlOf([ops[0]!, other, { kind: 'alterColumn', ...on, column: 'score', changes: { nullable: false }, using: null, existing: null }]);
    assert.equal(count(split), 2);
  });

  test('a rebuild keeps AUTOINCREMENT and the table options of the stored table, and its sequence', () => {
    const storedObjects: StoredObject[] = [
      { type: 'table', name: 'users', table: 'users', sql: 'CREATE TABLE users (id integer primary key autoincrement, name text) WITHOUT ROWID' },
    ];
    const statements = sqliteDialect.compile([{ kind: 'dropConstraint', ...on, name: 'ck_users_age', type: 'check', existing: null }], {
      before,
      storedObjects,
    });
    const create = rebuildOf(statements);
    assert.match(create, /id INTEGER NOT NULL CONSTRAINT pk_users PRIMARY KEY AUTOINCREMENT,/);
    assert.match(create, /\n\) WITHOUT ROWID$/);
    assert.ok(statements.some((s) => s.sql.startsWith('UPDATE sqlite_sequence SET seq')));
  });

  test('a rebuild drops and recreates the triggers and views that use the table', () => {
    const storedObjects: StoredObject[] = [
      { type: 'view', name: 'adults', table: 'adults', sql: 'CREATE VIEW adults AS SELECT * FROM users WHERE age >= 18' },
      { type: 'view', name: 'adult_names', table: 'adult_names', sql: 'CREATE VIEW adult_names AS SELECT name FROM adults' },
      { type: 'view', name: 'titles', table: 'titles', sql: 'CREATE VIEW titles AS SELECT title FROM posts' },
      { type: 'trigger', name: 'on_users', table: 'users', sql: 'CREATE TRIGGER on_users AFTER INSERT ON users BEGIN SELECT 1; END' },
      { type: 'trigger', name: 'on_posts', table: 'posts', sql: 'CREATE TRIGGER on_posts AFTER INSERT ON posts BEGIN UPDATE users SET age = 1; END' },
    ];
    const sql = sqlOf([{ kind: 'alterColumn', ...on, column: 'age', changes: { nullable: false }, using: null, existing: null }], { before, storedObjects });
    const at = (text: string): number => sql.findIndex((s) => s.startsWith(text));
    assert.ok(at('DROP TRIGGER on_posts') < at('DROP VIEW adults'));
    assert.ok(at('DROP VIEW adult_names') < at('CREATE TABLE _alembic_tmp_users'));
    assert.equal(at('DROP TRIGGER on_users'), -1, 'goes with the table');
    assert.equal(at('DROP VIEW titles'), -1, 'does not use the table');
    const rename = at('ALTER TABLE _alembic_tmp_users');
    assert.ok(rename < at('CREATE VIEW adults') && at('CREATE VIEW adults') < at('CREATE VIEW adult_names'));
    assert.ok(at('CREATE VIEW adult_names') < at('CREATE TRIGGER on_users') && at('CREATE TRIGGER on_users') < at('CREATE TRIGGER on_posts'));
  });

  test('execute passes through; bulkInsert groups rows by their columns', () => {
    const statements = sqliteDialect.compile(
      [
        { kind: 'execute', sql: 'UPDATE users SET age = ?', params: [3] },
        { kind: 'bulkInsert', ...on, rows: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { name: 'c' }, {}] },
      ],
      context,
    );
    assert.deepEqual(statements.map((s) => [s.sql, s.params]), [
      ['UPDATE users SET age = ?', [3]],
      ['INSERT INTO users (id, name) VALUES (?, ?), (?, ?)', [1, 'a', 2, 'b']],
      ['INSERT INTO users (name) VALUES (?)', ['c']],
      ['INSERT INTO users DEFAULT VALUES', []],
    ]);
  });

  test('enum ops compile to nothing: SQLite has no enum types', () => {
    assert.deepEqual(
      sqlOf([
        { kind: 'createEnum', schema: null, name: 'mood', values: ['a'] },
        { kind: 'addEnumValue', schema: null, name: 'mood', value: 'b', before: null, after: null },
        { kind: 'renameEnumValue', schema: null, name: 'mood', from: 'a', to: 'c' },
        { kind: 'dropEnum', schema: null, name: 'mood', existingValues: null },
      ]),
      [],
    );
  });

  test('ops that need no knowledge of the table compile without reading the schema', () => {
    const unread: CompileContext = {
      get before(): SchemaSnapshot {
        throw new Error('schema read');
      },
    };
    const ops: Op[] = [
      { kind: 'createTable', table: posts },
      { kind: 'addColumn', ...on, column: col('nick') },
      { kind: 'createIndex', ...on, index: { name: 'ix', elements: [{ column: 'nick' }], unique: false, where: null }, concurrently: false },
      { kind: 'renameColumn', ...on, column: 'nick', newName: 'handle' },
      { kind: 'renameTable', ...on, newName: 'people' },
    ];
    assert.equal(sqlOf(ops, unread).length, 5);
    assert.throws(() => sqlOf([{ kind: 'dropColumn', ...on, column: 'nick', existing: null }], unread), /schema read/);
  });

  test('a rebuild of a table the schema does not know is refused with a hint', () => {
    assert.throws(
      () => sqlOf([{ kind: 'alterColumn', schema: null, table: 'ghost', column: 'x', changes: { nullable: false }, using: null, existing: null }]),
      /cannot rebuild table "ghost": it is not in the schema this migration starts from/,
    );
    assert.deepEqual(sqlOf([{ kind: 'dropColumn', schema: null, table: 'ghost', column: 'x', existing: null }]), ['ALTER TABLE ghost DROP COLUMN x']);
  });
});
