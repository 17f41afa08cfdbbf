// Each dialect's sameDefault: a default as SQLAlchemy writes it (server_default='0') and as a
// model writes it (.default(0)), or as the server prints it with its own casts, is one value.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { postgresDialect as pg } from '../../src/dialects/postgres/index.js';
import { sqliteDialect as sqlite } from '../../src/dialects/sqlite/index.js';
import type { ColumnType } from '../../src/snapshot/types.js';

const int: ColumnType = { name: 'integer' };
const bool: ColumnType = { name: 'boolean' };
const real: ColumnType = { name: 'float' };
const num: ColumnType = { name: 'numeric', precision: 5, scale: 2 };
const text: ColumnType = { name: 'text' };

describe('sameDefault on SQLite', () => {
  test('a quoted number is the number in a column of numeric affinity (SQLite stores it converted)', () => {
    assert.equal(sqlite.sameDefault("'0'", '0', int), true);
    assert.equal(sqlite.sameDefault('-1', "'-1'", int), true);
    assert.equal(sqlite.sameDefault("'1'", '1', bool), true);
    assert.equal(sqlite.sameDefault("'0'", '0', real), true);
    assert.equal(sqlite.sameDefault("'1.5'", '1.5', num), true);
    assert.equal(sqlite.sameDefault('+2', '2', int), true);
  });

  test('anything else differs: other values, words, and any text column', () => {
    assert.equal(sqlite.sameDefault("'1'", '0', int), false);
    assert.equal(sqlite.sameDefault("'false'", '0', bool), false);
    assert.equal(sqlite.sameDefault("'0'", '0', text), false);
    assert.equal(sqlite.sameDefault("'0'", '0', { name: 'string', length: 10 }), false);
    assert.equal(sqlite.sameDefault('CURRENT_TIMESTAMP', "'CURRENT_TIMESTAMP'", { name: 'dateTime', timezone: false }), false);
  });
});

describe('sameDefault on PostgreSQL', () => {
  test('the casts the server prints, and its parentheses, do not make a difference', () => {
    // Printed by the server for SQLAlchemy's DDL | what the model normalizes to.
    assert.equal(pg.sameDefault('0', "'0'::double precision", { name: 'double' }), true);
    assert.equal(pg.sameDefault('10', "'10'::bigint", { name: 'bigInteger' }), true);
    assert.equal(pg.sameDefault("'-1'::integer", "'-1'::smallint", { name: 'smallInteger' }), true);
    assert.equal(pg.sameDefault("timezone('utc', now())", "timezone('utc'::text, now())", { name: 'dateTime', timezone: true }), true);
    assert.equal(pg.sameDefault('1 + 2', '(1 + 2)', int), true);
  });

  test('other values and other functions differ', () => {
    assert.equal(pg.sameDefault('1', "'0'::double precision", { name: 'double' }), false);
    assert.equal(pg.sameDefault('now()', 'CURRENT_TIMESTAMP', { name: 'dateTime', timezone: false }), false);
    assert.equal(pg.sameDefault("'1 day'::interval", "'1 day'::text", { name: 'interval' }), false);
  });
});
