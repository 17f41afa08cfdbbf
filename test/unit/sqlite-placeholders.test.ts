import assert from 'node:assert/strict';
import { test } from 'node:test';
import { positionalParams } from '../../src/dialects/sqlite/sqlite-placeholders.js';

test('$N placeholders become positional ? with their values in order of use', () => {
  assert.deepEqual(positionalParams('UPDATE t SET a = $2 WHERE b = $1 OR c = $2', ['x', 'y']), {
    sql: 'UPDATE t SET a = ? WHERE b = ? OR c = ?',
    params: ['y', 'x', 'y'],
  });
});

test('a $1 inside a string literal or quoted identifier is left alone', () => {
  assert.deepEqual(positionalParams(`SELECT '$1', "$1" FROM t WHERE a = $1`, [7]), {
    sql: `SELECT '$1', "$1" FROM t WHERE a = ?`,
    params: [7],
  });
});

test('SQL already written with ? keeps its parameters', () => {
  assert.deepEqual(positionalParams('UPDATE t SET a = ? WHERE b = ?', [1, 2]), { sql: 'UPDATE t SET a = ? WHERE b = ?', params: [1, 2] });
});
