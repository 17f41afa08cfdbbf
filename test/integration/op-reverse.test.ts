// Every op kind of SPEC section 5, on both dialects, through revision files and the real
// runner: revision 1 builds a base schema, revision 2 holds one op with a downgrade rendered
// from `reverseOpsPartially` of that op. Upgrade must leave exactly `applyOps(base, ops)`;
// `downgrade -1` must give back the base schema exactly. Ops that drop or change something
// carry `existing`, taken from the introspected base, as autogenerate fills it.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { renderRevisionBodies } from '../../src/autogenerate/render/render-revision.js';
import type { Connection, Dialect } from '../../src/dialects/dialect.js';
import type { ConstraintType, ExistingConstraint, Op, TableOp } from '../../src/operations/ops.js';
import { reverseOpsPartially } from '../../src/operations/reverse.js';
import { downgrade, upgrade } from '../../src/runtime/migrate.js';
import { isTrackingTable, trackingTables } from '../../src/runtime/tracking-tables.js';
import { applyOps } from '../../src/snapshot/apply-ops.js';
import type { ColumnSnapshot, ColumnType, SchemaSnapshot, TableSnapshot } from '../../src/snapshot/types.js';
import { DIALECTS } from '../helpers/databases.js';
import { col, tbl } from '../helpers/snapshot-builders.js';
import { createProject, SRC, type Project } from './runtime-fixture.js';
import { asSqliteSees } from './sqlite-test-support.js';

const TRACKING = trackingTables({ versionTable: 'alembic_version', versionTableSchema: null }, { name: 'any', capabilities: { schemas: true } });
const BASE_REV = 'aaaa00000001';
/** Names the fixture's revision source already imports from the sources. */
const FIXTURE_IMPORTS = new Set(['enumType', 'integer', 'string']);
const MODULES: Readonly<Record<string, string>> = {
  'alembic-ts': `${SRC}/schema/index.ts`,
  'alembic-ts/postgresql': `${SRC}/postgresql.ts`,
};

/** The rendered import map as import lines pointing at the sources (hoisted, so placed anywhere). */
function importLines(importMap: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(importMap)
    .map(([module, names]) => [module, names.filter((n) => !(module === 'alembic-ts' && FIXTURE_IMPORTS.has(n)))] as const)
    .filter(([, names]) => names.length > 0)
    .map(([module, names]) => `import { ${names.join(', ')} } from '${MODULES[module] ?? module}';`)
    .join('\n');
}

interface Case {
  readonly name: string;
  readonly pgOnly?: boolean;
  readonly ops: (b: Base) => Op[];
  /** A downgrade written by hand, for an op the op API cannot reverse. */
  readonly downgrade?: string;
}

/** The introspected base, with lookups that fill `existing` the way autogenerate does. */
class Base {
  constructor(
    readonly snapshot: SchemaSnapshot,
    readonly d: Dialect,
  ) {}

  table(name: string): TableSnapshot {
    const found = this.snapshot.tables.find((t) => t.name === name);
    assert.ok(found, `base has table ${name}`);
    return found;
  }

  column(table: string, name: string): ColumnSnapshot {
    const found = this.table(table).columns.find((c) => c.name === name);
    assert.ok(found, `base has column ${table}.${name}`);
    return found;
  }

  constraint(table: string, name: string, type: ConstraintType): ExistingConstraint {
    const t = this.table(table);
    const named = <T extends { readonly name: string | null }>(list: readonly T[]): T => {
      const found = list.find((c) => c.name === name);
      assert.ok(found, `base has ${type} ${name} on ${table}`);
      return found;
    };
    switch (type) {
      case 'primary':
        assert.ok(t.primaryKey, `base has a primary key on ${table}`);
        return { type, constraint: t.primaryKey };
      case 'foreignkey':
        return { type, constraint: named(t.foreignKeys) };
      case 'unique':
        return { type, constraint: named(t.uniqueConstraints) };
      case 'check':
        return { type, constraint: named(t.checkConstraints) };
    }
  }

  col(name: string, type: ColumnType, rest: Partial<ColumnSnapshot> = {}): ColumnSnapshot {
    return col(name, this.d.normalizeType(type), rest);
  }

  default(literal: unknown, type: ColumnType): string {
    return this.d.normalizeDefault({ literal }, this.d.normalizeType(type));
  }

  expr(sql: string): string {
    return this.d.normalizeExpression(sql);
  }

  alter(table: string, column: string, changes: Extract<Op, { kind: 'alterColumn' }>['changes']): TableOp {
    return { kind: 'alterColumn', schema: null, table, column, changes, using: null, existing: this.column(table, column) };
  }
}

const on = (table: string) => ({ schema: null, table }) as const;
const varchar = (length: number): ColumnType => ({ name: 'string', length });
const integer: ColumnType = { name: 'integer' };
const moodType: ColumnType = { name: 'enum', enumName: 'mood', values: ['happy', 'sad'] };

function baseOps(d: Dialect, pg: boolean): Op[] {
  const c = (name: string, type: ColumnType, rest: Partial<ColumnSnapshot> = {}): ColumnSnapshot => col(name, d.normalizeType(type), rest);
  const id = c('id', integer, { nullable: false, autoincrement: true });
  const users = tbl(
    'users',
    [
      id,
      c('name', varchar(50), { nullable: false, comment: pg ? 'display name' : null }),
      c('email', varchar(120)),
      c('age', integer, { default: d.normalizeDefault({ literal: 18 }, d.normalizeType(integer)) }),
      c('mood', pg ? moodType : varchar(10)),
      c('notes', { name: 'text' }),
    ],
    {
      primaryKey: { name: 'pk_users', columns: ['id'] },
      uniqueConstraints: [{ name: 'uq_users_email', columns: ['email'] }],
      checkConstraints: [{ name: 'ck_users_age', sql: d.normalizeExpression('age >= 0') }],
      indexes: [{ name: 'ix_users_name', elements: [{ column: 'name' }], unique: false, where: null }],
      comment: pg ? 'people' : null,
    },
  );
  const posts = tbl('posts', [id, c('user_id', integer, { nullable: false }), c('title', { name: 'text' })], {
    primaryKey: { name: 'pk_posts', columns: ['id'] },
    foreignKeys: [
      { name: 'fk_posts_user_id_users', columns: ['user_id'], referredSchema: null, referredTable: 'users', referredColumns: ['id'], onDelete: 'CASCADE', onUpdate: null },
    ],
    indexes: [{ name: 'ix_posts_title', elements: [{ column: 'title' }], unique: false, where: null }],
  });
  const tags = tbl('tags', [c('a', integer, { nullable: false }), c('b', varchar(10), { nullable: false })]);
  const enums: Op[] = pg
    ? [
        { kind: 'createEnum', schema: null, name: 'mood', values: ['happy', 'sad'] },
        { kind: 'createEnum', schema: null, name: 'color', values: ['red', 'green'] },
      ]
    : [];
  return [...enums, { kind: 'createTable', table: users }, { kind: 'createTable', table: posts }, { kind: 'createTable', table: tags }];
}

const CASES: readonly Case[] = [
  {
    name: 'createTable with a foreign key and an index',
    ops: (b) => [
      {
        kind: 'createTable',
        table: tbl('comments', [b.col('id', integer, { nullable: false, autoincrement: true }), b.col('post_id', integer, { nullable: false }), b.col('body', { name: 'text' }, { nullable: false })], {
          primaryKey: { name: 'pk_comments', columns: ['id'] },
          foreignKeys: [{ name: 'fk_comments_post_id_posts', columns: ['post_id'], referredSchema: null, referredTable: 'posts', referredColumns: ['id'], onDelete: null, onUpdate: null }],
          indexes: [{ name: 'ix_comments_post_id', elements: [{ column: 'post_id' }], unique: false, where: null }],
        }),
      },
    ],
  },
  { name: 'dropTable', ops: (b) => [{ kind: 'dropTable', ...on('posts'), existing: b.table('posts') }] },
  { name: 'renameTable of a table other tables point at', ops: () => [{ kind: 'renameTable', ...on('users'), newName: 'members' }] },
  { name: 'addColumn, nullable', ops: (b) => [{ kind: 'addColumn', ...on('users'), column: b.col('nick', varchar(20)) }] },
  {
    name: 'addColumn, not null with a default',
    ops: (b) => [{ kind: 'addColumn', ...on('users'), column: b.col('score', integer, { nullable: false, default: b.default(0, integer) }) }],
  },
  { name: 'dropColumn', ops: (b) => [{ kind: 'dropColumn', ...on('users'), column: 'notes', existing: b.column('users', 'notes') }] },
  { name: 'renameColumn of a column under a unique constraint', ops: () => [{ kind: 'renameColumn', ...on('users'), column: 'email', newName: 'mail' }] },
  { name: 'alterColumn type', ops: (b) => [b.alter('users', 'name', { type: b.d.normalizeType(varchar(100)) })] },
  { name: 'alterColumn nullable', ops: (b) => [b.alter('users', 'name', { nullable: true })] },
  { name: 'alterColumn default set', ops: (b) => [b.alter('users', 'notes', { default: b.default('n/a', { name: 'text' }) })] },
  { name: 'alterColumn default drop', ops: (b) => [b.alter('users', 'age', { default: null })] },
  { name: 'alterColumn newName', ops: (b) => [b.alter('users', 'notes', { newName: 'remarks' })] },
  { name: 'alterColumn comment', pgOnly: true, ops: (b) => [b.alter('users', 'email', { comment: 'primary address' })] },
  {
    name: 'createIndex, plain on two columns',
    ops: () => [{ kind: 'createIndex', ...on('users'), concurrently: false, index: { name: 'ix_users_email_age', elements: [{ column: 'email' }, { column: 'age' }], unique: false, where: null } }],
  },
  {
    name: 'createIndex, unique',
    ops: () => [{ kind: 'createIndex', ...on('posts'), concurrently: false, index: { name: 'ix_posts_user_title', elements: [{ column: 'user_id' }, { column: 'title' }], unique: true, where: null } }],
  },
  {
    name: 'createIndex, partial',
    ops: (b) => [{ kind: 'createIndex', ...on('users'), concurrently: false, index: { name: 'ix_users_adult', elements: [{ column: 'age' }], unique: false, where: b.expr('age > 17') } }],
  },
  {
    name: 'createIndex, on an expression',
    ops: (b) => [{ kind: 'createIndex', ...on('users'), concurrently: false, index: { name: 'ix_users_lower_name', elements: [{ expression: b.expr('lower(name)') }], unique: false, where: null } }],
  },
  {
    name: 'dropIndex',
    ops: (b) => [{ kind: 'dropIndex', ...on('users'), name: 'ix_users_name', concurrently: false, existing: b.table('users').indexes.find((i) => i.name === 'ix_users_name') ?? null }],
  },
  { name: 'createUniqueConstraint', ops: () => [{ kind: 'createUniqueConstraint', ...on('posts'), constraint: { name: 'uq_posts_user_title', columns: ['user_id', 'title'] } }] },
  {
    name: 'createForeignKey',
    ops: () => [
      {
        kind: 'createForeignKey',
        ...on('tags'),
        constraint: { name: 'fk_tags_a_users', columns: ['a'], referredSchema: null, referredTable: 'users', referredColumns: ['id'], onDelete: 'SET NULL', onUpdate: null },
      },
    ],
  },
  { name: 'createCheckConstraint', ops: (b) => [{ kind: 'createCheckConstraint', ...on('posts'), constraint: { name: 'ck_posts_title', sql: b.expr('length(title) > 0') } }] },
  { name: 'createPrimaryKey', ops: () => [{ kind: 'createPrimaryKey', ...on('tags'), constraint: { name: 'pk_tags', columns: ['a', 'b'] } }] },
  ...(['unique', 'foreignkey', 'check', 'primary'] as const).map(
    (type): Case => ({
      name: `dropConstraint of a ${type} constraint`,
      ops: (b) => {
        const [table, name] = { unique: ['users', 'uq_users_email'], foreignkey: ['posts', 'fk_posts_user_id_users'], check: ['users', 'ck_users_age'], primary: ['posts', 'pk_posts'] }[type];
        return [{ kind: 'dropConstraint', ...on(table!), name: name!, type, existing: b.constraint(table!, name!, type) }];
      },
    }),
  ),
  { name: 'setTableComment, changed', pgOnly: true, ops: (b) => [{ kind: 'setTableComment', ...on('users'), comment: 'members', existing: b.table('users').comment }] },
  { name: 'setTableComment, removed', pgOnly: true, ops: (b) => [{ kind: 'setTableComment', ...on('users'), comment: null, existing: b.table('users').comment }] },
  { name: 'createEnum', pgOnly: true, ops: () => [{ kind: 'createEnum', schema: null, name: 'status', values: ['open', 'closed'] }] },
  {
    name: 'dropEnum',
    pgOnly: true,
    ops: (b) => [{ kind: 'dropEnum', schema: null, name: 'color', existingValues: b.snapshot.enums.find((e) => e.name === 'color')?.values ?? null }],
  },
  {
    name: 'addEnumValue (downgrade by hand: PostgreSQL cannot remove an enum value, reverseOp says irreversible)',
    pgOnly: true,
    ops: () => [{ kind: 'addEnumValue', schema: null, name: 'mood', value: 'meh', before: 'sad', after: null }],
    downgrade: [
      "op.execute('ALTER TYPE mood RENAME TO mood_old');",
      "op.execute(\"CREATE TYPE mood AS ENUM ('happy', 'sad')\");",
      "op.execute('ALTER TABLE users ALTER COLUMN mood TYPE mood USING mood::text::mood');",
      "op.execute('DROP TYPE mood_old');",
    ].join('\n  '),
  },
  { name: 'renameEnumValue', pgOnly: true, ops: () => [{ kind: 'renameEnumValue', schema: null, name: 'mood', from: 'sad', to: 'blue' }] },
  {
    name: 'batchAlterTable with several changes',
    ops: (b) => [
      {
        kind: 'batchAlterTable',
        ...on('users'),
        ops: [
          { kind: 'addColumn', ...on('users'), column: b.col('nick', varchar(20)) },
          b.alter('users', 'name', { type: b.d.normalizeType(varchar(80)), nullable: true }),
          { kind: 'dropColumn', ...on('users'), column: 'notes', existing: b.column('users', 'notes') },
          { kind: 'createIndex', ...on('users'), concurrently: false, index: { name: 'ix_users_nick', elements: [{ column: 'nick' }], unique: false, where: null } },
          { kind: 'dropConstraint', ...on('users'), name: 'ck_users_age', type: 'check', existing: b.constraint('users', 'ck_users_age', 'check') },
        ],
      },
    ],
  },
];

for (const dialectName of DIALECTS) {
  describe(`every op and its rendered reverse, through the runner on ${dialectName}`, () => {
    let project: Project;
    let conn: Connection;
    let base: Base;
    const introspect = (): Promise<SchemaSnapshot> =>
      project.dialect.introspect(conn, { excludeTable: (schema, name) => isTrackingTable(TRACKING, schema, name) });
    const ctx = () => project.ctx({ connection: conn });

    before(async () => {
      project = await createProject(dialectName);
      conn = await project.connect();
      const pg = project.dialect.capabilities.schemas;
      const ops = baseOps(project.dialect, pg);
      const rendered = renderRevisionBodies(ops, reverseOpsPartially(ops));
      project.write({ revision: BASE_REV, message: 'base', upgrade: rendered.upgrade, downgrade: rendered.downgrade, extra: importLines(rendered.importMap) });
      await upgrade(ctx(), 'head');
      base = new Base(await introspect(), project.dialect);
      assert.deepEqual(base.snapshot.tables.map((t) => t.name).sort(), ['posts', 'tags', 'users']);
    });

    after(async () => {
      await project?.dispose();
    });

    CASES.forEach((c, i) => {
      const skip = c.pgOnly === true && dialectName !== 'postgresql';
      if (skip) return;
      test(`${c.name}: upgrade makes exactly the change, downgrade -1 gives the base back`, async () => {
        const ops = c.ops(base);
        const rendered = renderRevisionBodies(ops, reverseOpsPartially(ops));
        const revision = `bbbb${String(i).padStart(8, '0')}`;
        const path = project.write({
          revision,
          down: BASE_REV,
          message: c.name,
          upgrade: rendered.upgrade,
          downgrade: c.downgrade ?? rendered.downgrade,
          extra: importLines(rendered.importMap),
        });
        let upgraded = false;
        try {
          await upgrade(ctx(), 'head');
          upgraded = true;
          const expected = applyOps(base.snapshot, ops, { quoteIdentifier: project.dialect.quoteIdentifier });
          // applyOps is dialect-neutral; on SQLite only a lone INTEGER primary key autoincrements.
          assert.deepEqual(await introspect(), dialectName === 'sqlite' ? asSqliteSees(expected) : expected, 'after upgrade');
          upgraded = false;
          await downgrade(ctx(), '-1');
          assert.deepEqual(await introspect(), base.snapshot, 'after downgrade -1');
        } finally {
          // A failed check must not leave this revision applied for the next case.
          if (upgraded) await downgrade(ctx(), BASE_REV).catch(() => undefined);
          rmSync(path);
        }
      });
    });
  });
}
