/**
 * Rendered revisions are run through the real `op` API (with the PostgreSQL dialect's pure
 * normalization, no connection): the ops they record must be the ops they were rendered
 * from. What a rendered call cannot carry (the `existing` definitions of drops, used only to
 * reverse them) is left out of the comparison.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderRevisionBodies } from '../../src/autogenerate/render/render-revision.js';
import { fixedResolver } from '../../src/autogenerate/resolver/fixed-resolver.js';
import type { Dialect } from '../../src/dialects/dialect.js';
import { postgresDialect } from '../../src/dialects/postgres/index.js';
import { sqliteDialect } from '../../src/dialects/sqlite/index.js';
import { isIrreversible, reverseOpsPartially } from '../../src/operations/reverse.js';
import type { Op } from '../../src/operations/ops.js';
import { array, jsonb } from '../../src/postgresql.js';
import {
  boolean,
  check,
  date,
  dateTime,
  enumType,
  float,
  index,
  integer,
  numeric,
  primaryKey,
  sql,
  string,
  table,
  text,
  type Table,
} from '../../src/schema/index.js';
import { schemaSnapshot } from '../../src/schema/to-snapshot.js';
import type { SchemaSnapshot } from '../../src/snapshot/types.js';
import { runRendered } from '../helpers/run-rendered.js';
import { compare } from '../helpers/snapshot-builders.js';

const EMPTY: SchemaSnapshot = { dialect: 'postgresql', tables: [], enums: [] };
const models = (...tables: Table[]): SchemaSnapshot => schemaSnapshot(tables, postgresDialect);

/** Drop-side `existing` values are not part of the rendered call; alterColumn's has no collation. */
function asRecorded(op: Op): Op {
  switch (op.kind) {
    case 'dropTable':
    case 'dropColumn':
    case 'dropIndex':
    case 'dropConstraint':
      return { ...op, existing: null };
    case 'dropEnum':
      return { ...op, existingValues: null };
    case 'alterColumn':
      return { ...op, existing: op.existing === null ? null : { ...op.existing, collation: null } };
    default:
      return op;
  }
}

async function roundTrip(target: SchemaSnapshot, current: SchemaSnapshot, renames = {}, dialect: Dialect = postgresDialect): Promise<void> {
  const { ops } = await compare(target, current, {
    resolver: fixedResolver({ renames, allowDrop: true }),
    capabilities: dialect.capabilities,
  });
  const downgrade = reverseOpsPartially(ops);
  const ran = await runRendered(renderRevisionBodies(ops, downgrade), dialect);
  assert.deepEqual(ran.upgrade, ops.map(asRecorded));
  assert.deepEqual(ran.downgrade, downgrade.filter((step) => !isIrreversible(step)).map((step) => asRecorded(step as Op)));
}

const mood = enumType(['sad', 'ok'], { name: 'mood' });

const usersV1 = table('users', {
  id: integer().primaryKey(),
  name: string(50).notNull(),
  email: string(120).notNull().unique(),
  age: integer().default(18),
  balance: integer().default(-1),
  bio: text().default("it's me"),
  active: boolean().default(true),
  m: mood.default('ok'),
  created_at: dateTime({ timezone: true }).notNull().default(sql`CURRENT_TIMESTAMP`),
  price: numeric(10, 2).default(1.5),
  tags: array(text()),
  doc: jsonb(),
});

const postsV1 = table(
  'posts',
  {
    id: integer().primaryKey(),
    title: string(200).notNull().index(),
    user_id: integer().notNull().references(() => usersV1.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('ix_posts_user_title').on(t.user_id, t.title),
    index('ix_posts_lower_title').on(sql`lower(title)`).unique().where(sql`user_id > 0`),
  ],
  { comment: 'Blog posts' },
);

const enrolments = table('enrolments', { student_id: integer().notNull(), course_id: integer().notNull() }, (t) => [
  primaryKey(t.student_id, t.course_id),
]);

describe('rendered revisions record the ops they were rendered from', () => {
  test('creating tables with every kind of column, default, key and index, and dropping them again', async () => {
    await roundTrip(models(usersV1, postsV1, enrolments), EMPTY);
  });

  test('changing existing tables: columns added, altered, renamed and dropped; indexes, keys and enum values', async () => {
    const moodV2 = enumType(['sad', 'meh', 'ok', 'great'], { name: 'mood' });
    const usersV2 = table('users', {
      id: integer().primaryKey(),
      full_name: string(100).notNull(),
      email: string(200).notNull(),
      age: integer(),
      balance: integer().default(0).comment('in cents'),
      bio: text().default("it's me"),
      active: boolean().notNull().default(false),
      m: moodV2.default('ok'),
      created_at: dateTime({ timezone: true }).notNull().default(sql`now()`),
      price: numeric(12, 2).default(1.5),
      tags: array(text()),
      doc: jsonb(),
      nickname: string(30).unique('uq_users_nick'),
    });
    const postsV2 = table(
      'posts',
      {
        id: integer().primaryKey(),
        title: string(200).notNull(),
        user_id: integer().notNull().references(() => usersV2.id, { onDelete: 'set null' }),
      },
      (t) => [index('ix_posts_user_title').on(t.title, t.user_id)],
    );
    await roundTrip(models(usersV2, postsV2), models(usersV1, postsV1, enrolments), {
      column: [['users', 'name', 'full_name']],
    });
  });

  test('on SQLite too, whose defaults and enums are spelled differently', async () => {
    const things = table('things', {
      id: integer().primaryKey(),
      name: string(50).notNull().unique(),
      active: boolean().default(true),
      m: enumType(['a', 'bb'], { name: 'mood' }).default('a'),
      ratio: float().default(0.25),
      day: date(),
      at: dateTime().default(sql`CURRENT_TIMESTAMP`),
    }, (t) => [index('ix_things_lower').on(sql`lower(name)`).where(sql`ratio > 0`), index('ix_things_at').on(t.at)]);
    const empty: SchemaSnapshot = { dialect: 'sqlite', tables: [], enums: [] };
    await roundTrip(schemaSnapshot([things], sqliteDialect), empty, {}, sqliteDialect);
  });

  test('a CHECK in a created table keeps its full name through op.createTable', async () => {
    const withCheck = table('posts', { id: integer().primaryKey(), title: string(200).notNull() }, [
      check('title_not_empty', sql`length(title) > 0`),
    ]);
    await roundTrip(models(withCheck), EMPTY);
  });
});
