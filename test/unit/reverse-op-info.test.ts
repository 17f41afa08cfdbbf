import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { opInfo } from '../../src/operations/op-info.js';
import type { Op } from '../../src/operations/ops.js';
import { col, idTable, varchar } from '../helpers/snapshot-builders.js';

const at = { schema: null, table: 'users' };
const index = { name: 'ix', elements: [{ column: 'a' }], unique: false, where: null };

describe('opInfo', () => {
  test('drops of tables and columns drop data', () => {
    assert.deepEqual(opInfo({ kind: 'dropTable', ...at, existing: null }).hazards, ['dropsData']);
    assert.deepEqual(opInfo({ kind: 'dropColumn', ...at, column: 'a', existing: null }).hazards, ['dropsData']);
  });

  test('a type change rewrites and locks the table; SET NOT NULL locks it; a new default is safe', () => {
    const alter = (changes: object): Op => ({ kind: 'alterColumn', ...at, column: 'a', changes, using: null, existing: null });
    assert.deepEqual(opInfo(alter({ type: varchar(10) })).hazards, ['rewritesTable', 'locksTable']);
    assert.deepEqual(opInfo(alter({ nullable: false })).hazards, ['locksTable']);
    assert.deepEqual(opInfo(alter({ default: '1' })).hazards, []);
  });

  test('an index built without CONCURRENTLY locks writes; with it, it runs outside a transaction', () => {
    assert.deepEqual(opInfo({ kind: 'createIndex', ...at, index, concurrently: false }), { transactional: true, hazards: ['locksTable'] });
    assert.deepEqual(opInfo({ kind: 'createIndex', ...at, index, concurrently: true }), { transactional: false, hazards: [] });
    assert.equal(opInfo({ kind: 'dropIndex', ...at, name: 'ix', existing: null, concurrently: true }).transactional, false);
  });

  test('adding an autoincrement column fills every row', () => {
    assert.deepEqual(opInfo({ kind: 'addColumn', ...at, column: col('n', undefined, { autoincrement: true }) }).hazards, ['rewritesTable']);
    assert.deepEqual(opInfo({ kind: 'addColumn', ...at, column: col('n') }).hazards, []);
  });

  test('creating a table and renames are safe', () => {
    assert.deepEqual(opInfo({ kind: 'createTable', table: idTable('t') }), { transactional: true, hazards: [] });
    assert.deepEqual(opInfo({ kind: 'renameColumn', ...at, column: 'a', newName: 'b' }).hazards, []);
  });

  test('a batch has the hazards of its inner ops and is transactional only if they all are', () => {
    const batch: Op = {
      kind: 'batchAlterTable',
      ...at,
      ops: [
        { kind: 'dropColumn', ...at, column: 'a', existing: null },
        { kind: 'createIndex', ...at, index, concurrently: false },
      ],
    };
    assert.deepEqual(opInfo(batch), { transactional: true, hazards: ['dropsData', 'locksTable'] });
  });
});
