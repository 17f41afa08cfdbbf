/**
 * depends_on: effective heads, normalized dependencies and the version rows they imply,
 * ported from Alembic's DependsOn* and TwinMerge scenarios.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RevisionGraph } from '../../src/script/graph.js';
import { planDowngrade, planUpgrade } from '../../src/script/plan.js';
import type { MigrationStep } from '../../src/script/plan.js';
import { planStamp } from '../../src/script/plan-stamp.js';
import type { RevisionInput } from '../../src/script/revision-script.js';
import { rev } from '../helpers/graph-builders.js';
import { applyVersionChange, versionChangeForStep } from '../../src/script/version-change.js';


function ids(steps: readonly MigrationStep[]): string[] {
  return steps.map((s) => s.revision);
}

function rowsAfter(steps: readonly MigrationStep[], start: readonly string[]): string[] {
  return [...(steps.at(-1)?.headsAfter ?? start)].sort();
}

/** Runs single steps through the version mechanics, as the runner will. */
function stepRows(graph: RevisionGraph<RevisionInput>, start: readonly string[], steps: readonly [string, 'up' | 'down'][]): string[][] {
  let rows = [...start];
  return steps.map(([revision, direction]) => {
    rows = applyVersionChange(rows, versionChangeForStep(graph, rows, revision, direction));
    return [...rows].sort();
  });
}

describe('a revision that depends on another tree', () => {
  const graph = new RevisionGraph([rev('x'), rev('y', null, { dependsOn: ['x'] })]);

  test('the depended-on revision is a head but not an effective head', () => {
    assert.deepEqual(graph.heads, ['x', 'y']);
    assert.deepEqual(graph.realHeads, ['y']);
    assert.deepEqual(graph.bases, ['x', 'y']);
    assert.deepEqual(graph.realBases, ['x']);
  });

  test('upgrade heads applies the dependency first and ends with one row', () => {
    const plan = planUpgrade(graph, [], 'heads');
    assert.deepEqual(ids(plan), ['x', 'y']);
    assert.deepEqual(plan.map((s) => s.versionChange), [
      { kind: 'insert', revision: 'x' },
      { kind: 'update', from: 'x', to: 'y' },
    ]);
  });

  test('upgrade head still reports two heads, as Alembic does', () => {
    assert.throws(() => planUpgrade(graph, [], 'head'), { code: 'E_MULTIPLE_HEADS' });
  });

  test('downgrading the dependent moves the row back to the dependency', () => {
    const plan = planDowngrade(graph, ['y'], '-1');
    assert.deepEqual(ids(plan), ['y']);
    assert.deepEqual(rowsAfter(plan, ['y']), ['x']);
  });

  test('a dependency is not a downgrade target of its dependent, as in Alembic', () => {
    assert.throws(() => planDowngrade(graph, ['y'], 'x'), { code: 'E_INVALID_DOWNGRADE_TARGET' });
  });
});

describe('DependsOnBranchTestOne: c2 depends on c1 of another branch', () => {
  const graph = new RevisionGraph([
    rev('a1', null, { labels: ['lib1'] }), rev('b1', 'a1'), rev('c1', 'b1'),
    rev('a2'), rev('b2', 'a2'), rev('c2', 'b2', { dependsOn: ['c1'] }),
    rev('d1', 'c1'), rev('e1', 'd1'), rev('f1', 'e1'),
  ]);

  test('downgrading to a dependency deletes the row the dependent already implies', () => {
    assert.deepEqual(stepRows(graph, ['c2', 'd1'], [['d1', 'down']]), [['c2']]);
  });

  test('stamping across a dependency leaves one row', () => {
    assert.deepEqual([...planStamp(graph, ['e1', 'c2'], ['b1']).headsAfter], ['b1']);
  });
});

describe('DependsOnBranchTestTwo: one revision depends on three merged trees', () => {
  const graph = new RevisionGraph([
    rev('a1'), rev('a2'), rev('a3'), rev('amerge', ['a1', 'a2', 'a3']),
    rev('b1'), rev('b2'), rev('bmerge', ['b1', 'b2']),
    rev('c1'), rev('c2'), rev('c3'), rev('cmerge', ['c1', 'c2', 'c3']),
    rev('d1', null, { dependsOn: ['a3', 'b2', 'c1'] }),
  ]);

  test('downgrading one merge keeps the rows implied by the dependent', () => {
    const plan = planDowngrade(graph, ['amerge', 'bmerge', 'cmerge', 'd1'], 'b2');
    assert.deepEqual(ids(plan), ['bmerge']);
    assert.deepEqual(rowsAfter(plan, []), ['amerge', 'b1', 'cmerge', 'd1']);
  });

  test('downgrading the dependent inserts the dependency it implied', () => {
    const plan = planDowngrade(graph, ['amerge', 'd1', 'b1', 'cmerge'], 'd1@base');
    assert.deepEqual(ids(plan), ['d1']);
    assert.deepEqual(rowsAfter(plan, []), ['amerge', 'b1', 'b2', 'cmerge']);
  });

  test('downgrading everything to base leaves no row', () => {
    const plan = planDowngrade(graph, ['amerge', 'b1', 'b2', 'cmerge'], 'base');
    assert.equal(plan.length, 10);
    assert.deepEqual(rowsAfter(plan, ['x']), []);
  });
});

describe('other depends_on shapes', () => {
  test('a criss-cross lets half of a merge point go (DependsOnBranchTestThree)', () => {
    const graph = new RevisionGraph([
      rev('a1'), rev('a2', 'a1'),
      rev('b1'), rev('b2', 'b1', { dependsOn: ['a2'] }), rev('b3', 'b2'),
      rev('a3', 'a2', { dependsOn: ['b1'] }),
    ]);
    const plan = planDowngrade(graph, ['a3', 'b2'], 'b1');
    assert.deepEqual(ids(plan), ['b2']);
    assert.deepEqual(rowsAfter(plan, []), ['a3']);
  });

  test('depending on the own down revision is harmless (DependsOnOwnDownrevTest)', () => {
    const graph = new RevisionGraph([rev('a1'), rev('a2', 'a1', { dependsOn: ['a1'] })]);
    const up = planUpgrade(graph, [], 'a2');
    assert.deepEqual(ids(up), ['a1', 'a2']);
    assert.deepEqual(rowsAfter(up, []), ['a2']);
    const down = planDowngrade(graph, ['a2'], 'a1');
    assert.deepEqual(ids(down), ['a2']);
    assert.deepEqual(rowsAfter(down, []), ['a1']);
  });

  test('a dependency an ancestor already declares is normalized away (DependsOnBranchTestFour)', () => {
    const graph = new RevisionGraph([
      rev('a1'), rev('a2', 'a1'), rev('a3', 'a2'),
      rev('b1'), rev('b2', 'b1', { dependsOn: ['a3'] }), rev('b3', 'b2'), rev('b4', 'b3', { dependsOn: ['a3'] }),
    ]);
    assert.deepEqual(graph.node('b4').normalizedDownRevisions, ['b3']);
    assert.deepEqual(graph.node('b4').allDownRevisions, ['b3', 'a3']);
    const plan = planDowngrade(graph, ['b4'], 'b3');
    assert.deepEqual(rowsAfter(plan, []), ['b3']);
  });

  test('a merge of a revision and its dependent (DependsOnBranchTestFive)', () => {
    const graph = new RevisionGraph([rev('a1'), rev('b1', null, { dependsOn: ['a1'] }), rev('bmerge', ['a1', 'b1'])]);
    assert.deepEqual(rowsAfter(planUpgrade(graph, ['a1'], 'b1'), []), ['b1']);
    assert.deepEqual(rowsAfter(planUpgrade(graph, ['b1'], 'bmerge'), []), ['bmerge']);
    const toA1 = planDowngrade(graph, ['bmerge'], 'a1');
    assert.deepEqual(ids(toA1), ['bmerge']);
    assert.deepEqual(rowsAfter(toA1, []), ['b1']);
    assert.deepEqual(rowsAfter(planDowngrade(graph, ['bmerge'], 'b1'), []), ['b1']);
  });

  test('a dependency on a branch label pulls in that branch (DependsOnBranchLabelTest)', () => {
    const graph = new RevisionGraph([
      rev('a1', null, { labels: ['lib1'] }), rev('b1', 'a1'), rev('c1', 'b1', { labels: ['c1lib'] }),
      rev('a2'), rev('b2', 'a2'), rev('c2', 'b2', { dependsOn: ['c1lib'] }),
      rev('d1', 'c1'), rev('e1', 'd1'), rev('f1', 'e1'),
    ]);
    assert.deepEqual(graph.node('c2').dependsOn, ['c1']);
    const plan = planUpgrade(graph, ['a2'], 'c2');
    assert.deepEqual(ids(plan), ['a1', 'b1', 'c1', 'b2', 'c2']);
    assert.deepEqual(rowsAfter(plan, []), ['c2']);
  });

  test('a downgrade of a branch others depend on takes the dependents too', () => {
    const graph = new RevisionGraph([
      rev('a'), rev('b', 'a'),
      rev('c1', 'b', { labels: ['c1branch'] }), rev('d1', 'c1'),
      rev('c2', 'b', { labels: ['c2branch'] }), rev('d2', 'c2', { dependsOn: ['c1'] }),
    ]);
    const independent = planDowngrade(graph, ['d1', 'd2'], 'c2branch@b');
    assert.deepEqual(ids(independent), ['d2', 'c2']);
    assert.deepEqual(rowsAfter(independent, []), ['d1']);
    const dependency = planDowngrade(graph, ['d1', 'd2'], 'c1branch@b');
    const order = ids(dependency);
    assert.deepEqual([...order].sort(), ['c1', 'd1', 'd2']);
    assert.ok(order.indexOf('d1') < order.indexOf('c1') && order.indexOf('d2') < order.indexOf('c1'));
    assert.deepEqual(rowsAfter(dependency, []), ['c2']);
  });
});

describe('two merge points from the same branches (TwinMergeTest, NotQuiteTwinMergeTest)', () => {
  test('each step leaves the rows Alembic leaves', () => {
    const graph = new RevisionGraph([
      rev('a'), rev('b1', 'a'), rev('b2', 'a'), rev('b3', 'a'),
      rev('c1', ['b1', 'b2', 'b3']), rev('c2', ['b1', 'b2', 'b3']),
      rev('d1', 'c1'), rev('d2', 'c2'),
    ]);
    const rows = stepRows(graph, ['a'], [
      ['b3', 'up'], ['b1', 'up'], ['b2', 'up'], ['c2', 'up'], ['d2', 'up'], ['c1', 'up'], ['d1', 'up'],
    ]);
    assert.deepEqual(rows, [['b3'], ['b1', 'b3'], ['b1', 'b2', 'b3'], ['c2'], ['d2'], ['c1', 'd2'], ['d1', 'd2']]);
  });

  test('with partly shared parents', () => {
    const graph = new RevisionGraph([
      rev('a'), rev('b1', 'a'), rev('b2', 'a'), rev('b3', 'a'),
      rev('c1', ['b1', 'b2']), rev('c2', ['b2', 'b3']),
      rev('d1', 'c1'), rev('d2', 'c2'),
    ]);
    const rows = stepRows(graph, ['a'], [
      ['b2', 'up'], ['b3', 'up'], ['c2', 'up'], ['d2', 'up'], ['b1', 'up'], ['c1', 'up'], ['d1', 'up'],
    ]);
    assert.deepEqual(rows, [['b2'], ['b2', 'b3'], ['c2'], ['d2'], ['b1', 'd2'], ['c1', 'd2'], ['d1', 'd2']]);
  });
});
