import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixedResolver } from '../../src/autogenerate/resolver/fixed-resolver.js';
import type { ColumnType, EnumSnapshot } from '../../src/snapshot/types.js';
import { col, compare, idTable, kinds, snap } from '../helpers/snapshot-builders.js';

const mood = (values: readonly string[]): EnumSnapshot => ({ schema: null, name: 'mood', values });
const moodType = (values: readonly string[]): ColumnType => ({ name: 'enum', enumName: 'mood', values });
const withMood = (values: readonly string[], defaultValue: string | null = null) =>
  snap([idTable('t', [col('m', moodType(values), { default: defaultValue })])], [mood(values)]);

describe('compare: enums', () => {
  test('a new enum type is created before the table that uses it', async () => {
    const result = await compare(withMood(['a', 'b']), snap([]));
    assert.deepEqual(kinds(result), ['createEnum', 'createTable']);
    assert.deepEqual(result.ops[0], { kind: 'createEnum', schema: null, name: 'mood', values: ['a', 'b'] });
  });

  test('an enum type the models no longer have is dropped after the table that used it', async () => {
    const result = await compare(snap([]), withMood(['a']));
    assert.deepEqual(kinds(result), ['dropTable', 'dropEnum']);
    assert.deepEqual(result.ops[1], { kind: 'dropEnum', schema: null, name: 'mood', existingValues: ['a'] });
  });

  test('a value added at the end is appended; one in the middle names its neighbour', async () => {
    const appended = await compare(withMood(['a', 'b', 'c']), withMood(['a', 'b']));
    assert.deepEqual(appended.ops, [
      { kind: 'addEnumValue', schema: null, name: 'mood', value: 'c', before: null, after: null },
    ]);
    const middle = await compare(withMood(['a', 'x', 'b']), withMood(['a', 'b']));
    assert.deepEqual(middle.ops, [
      { kind: 'addEnumValue', schema: null, name: 'mood', value: 'x', before: null, after: 'a' },
    ]);
    const first = await compare(withMood(['x', 'a']), withMood(['a']));
    assert.deepEqual(first.ops, [
      { kind: 'addEnumValue', schema: null, name: 'mood', value: 'x', before: 'a', after: null },
    ]);
  });

  test('a value renamed through the resolver becomes renameEnumValue', async () => {
    const result = await compare(withMood(['a', 'happy']), withMood(['a', 'glad']), {
      resolver: fixedResolver({ renames: { enumValue: [['mood', 'glad', 'happy']] } }),
    });
    assert.deepEqual(result.ops, [{ kind: 'renameEnumValue', schema: null, name: 'mood', from: 'glad', to: 'happy' }]);
    assert.deepEqual(result.openDecisions, []);
  });

  test('a value that is neither renamed nor confirmed as a drop stays an open decision', async () => {
    const result = await compare(withMood(['a', 'happy']), withMood(['a', 'glad']), { resolver: fixedResolver() });
    assert.deepEqual(
      result.openDecisions.map((d) => [d.kind, d.flags]),
      [
        ['renameEnumValue', ['--rename-enum-value mood.glad=happy', '--allow-drop']],
        ['drop', ['--allow-drop']],
      ],
    );
    // The value that cannot be removed stays; the new one is still added.
    assert.deepEqual(kinds(result), ['addEnumValue']);
  });

  test('a removed value rebuilds the type: columns to text, type dropped and created, columns back, default kept', async () => {
    const result = await compare(withMood(['a', 'c'], "'a'::mood"), withMood(['a', 'b', 'c'], "'a'::mood"));
    const text: ColumnType = { name: 'text' };
    assert.deepEqual(result.ops, [
      {
        kind: 'alterColumn',
        schema: null,
        table: 't',
        column: 'm',
        changes: { type: text, default: null },
        using: null,
        existing: col('m', moodType(['a', 'b', 'c']), { default: "'a'::mood" }),
      },
      { kind: 'dropEnum', schema: null, name: 'mood', existingValues: ['a', 'b', 'c'] },
      { kind: 'createEnum', schema: null, name: 'mood', values: ['a', 'c'] },
      {
        kind: 'alterColumn',
        schema: null,
        table: 't',
        column: 'm',
        changes: { type: moodType(['a', 'c']), default: "'a'::mood" },
        using: null,
        existing: col('m', text),
      },
    ]);
  });

  test('reordered values rebuild the type without asking, since nothing is lost', async () => {
    const resolver = fixedResolver();
    const result = await compare(withMood(['b', 'a']), withMood(['a', 'b']), { resolver });
    assert.deepEqual(kinds(result), ['alterColumn', 'dropEnum', 'createEnum', 'alterColumn']);
    assert.deepEqual(resolver.unanswered, []);
  });
});
