import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareSnapshots } from '../../src/autogenerate/compare/compare-snapshots.js';
import { fixedResolver, type FixedAnswers } from '../../src/autogenerate/resolver/fixed-resolver.js';
import { isIrreversible, reverseOpsPartially } from '../../src/operations/reverse.js';
import type { Op } from '../../src/operations/ops.js';
import { applyOps } from '../../src/snapshot/apply-ops.js';
import type { SchemaSnapshot } from '../../src/snapshot/types.js';
import { randomSchemaPair } from '../helpers/schema-generator.js';

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

/** Column order is not compared (compare appends new columns, as ALTER TABLE ADD does). */
function canonical(snapshot: SchemaSnapshot): SchemaSnapshot {
  return {
    ...snapshot,
    tables: snapshot.tables.map((t) => ({ ...t, columns: [...t.columns].sort((a, b) => (a.name < b.name ? -1 : 1)) })),
  };
}

async function diff(target: SchemaSnapshot, current: SchemaSnapshot, renames: FixedAnswers['renames']): Promise<readonly Op[]> {
  const result = await compareSnapshots(target, current, {
    compareType: true,
    compareServerDefault: true,
    capabilities: { comments: true },
    resolver: fixedResolver({ renames, allowDrop: true }),
  });
  assert.deepEqual(result.openDecisions, []);
  return result.ops;
}

describe('compare round trip on random schema pairs', () => {
  test('the upgrade ops turn A into B, and comparing again finds nothing', async () => {
    for (const seed of SEEDS) {
      const { a, b, forward } = randomSchemaPair(seed);
      const ops = await diff(b, a, forward);
      const upgraded = applyOps(a, ops);
      assert.deepEqual(canonical(upgraded), canonical(b), `seed ${seed}`);
      assert.deepEqual(await diff(b, upgraded, {}), [], `seed ${seed}: second compare`);
    }
  });

  test('the reversed upgrade ops turn B back into A; only added enum values stay irreversible', async () => {
    for (const seed of SEEDS) {
      const { a, b, forward } = randomSchemaPair(seed);
      const reversed = reverseOpsPartially(await diff(b, a, forward));
      const gaps = reversed.filter(isIrreversible);
      assert.deepEqual(
        gaps.map((g) => g.op.kind),
        gaps.map(() => 'addEnumValue'),
        `seed ${seed}`,
      );
      if (gaps.length > 0) continue;
      assert.deepEqual(canonical(applyOps(b, reversed as Op[])), canonical(a), `seed ${seed}`);
    }
  });

  test('comparing the other way turns B back into A, enum values removed included', async () => {
    for (const seed of SEEDS) {
      const { a, b, backward } = randomSchemaPair(seed);
      const ops = await diff(a, b, backward);
      assert.deepEqual(canonical(applyOps(b, ops)), canonical(a), `seed ${seed}`);
    }
  });

  test('the generator makes pairs that exercise every kind of change', async () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const { a, b, forward } = randomSchemaPair(seed);
      for (const op of await diff(b, a, forward)) seen.add(op.kind);
    }
    const expected = [
      'createTable', 'dropTable', 'renameTable', 'addColumn', 'dropColumn', 'renameColumn', 'alterColumn',
      'createIndex', 'dropIndex', 'createUniqueConstraint', 'createForeignKey', 'createCheckConstraint',
      'createPrimaryKey', 'dropConstraint', 'setTableComment', 'createEnum', 'dropEnum', 'addEnumValue', 'renameEnumValue',
    ];
    assert.deepEqual(expected.filter((kind) => !seen.has(kind)), []);
  });
});
