/** `stamp` plans and `history` ranges, against the scenarios of Alembic's test suite. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RevisionGraph } from '../../src/script/graph.js';
import { iterateRevisions } from '../../src/script/history.js';
import { planStamp } from '../../src/script/plan-stamp.js';
import { splitRevisionRange } from '../../src/script/plan.js';
import type { RevisionInput } from '../../src/script/revision-script.js';
import { rev } from '../helpers/graph-builders.js';
import { applyVersionChange, versionChangeForStep, versionRowOps } from '../../src/script/version-change.js';


function versionChangeAndApply(graph: RevisionGraph<RevisionInput>, rows: string[], revision: string, direction: 'up' | 'down'): string[] {
  return applyVersionChange(rows, versionChangeForStep(graph, rows, revision, direction));
}

const merged = new RevisionGraph([
  rev('a'), rev('b', 'a'),
  rev('c1', 'b'), rev('d1', 'c1'),
  rev('c2', 'b', { labels: ['c2branch'] }), rev('d2', 'c2'),
  rev('e', ['d1', 'd2']), rev('f', 'e'),
]);

const branched = new RevisionGraph([
  rev('a'), rev('b', 'a'),
  rev('c1', 'b', { labels: ['c1branch'] }), rev('d1', 'c1'),
  rev('c2', 'b', { labels: ['c2branch'] }), rev('d2', 'c2'),
]);

describe('stamp', () => {
  test('stamping base deletes the row', () => {
    const linear = new RevisionGraph([rev('a'), rev('b', 'a')]);
    assert.deepEqual(planStamp(linear, ['b'], ['base']), { purge: false, changes: [{ kind: 'delete', revision: 'b' }], headsAfter: [] });
  });

  test('stamping down to a branch point from two branches merges the rows', () => {
    const plan = planStamp(branched, ['d1', 'c2'], ['b']);
    assert.deepEqual(plan.changes, [{ kind: 'merge', delete: ['d1'], from: 'c2', to: 'b' }]);
    assert.deepEqual(plan.headsAfter, ['b']);
  });

  test('label@base deletes only that branch', () => {
    assert.deepEqual(planStamp(branched, ['d1', 'c2'], ['c1branch@base']).changes, [{ kind: 'delete', revision: 'd1' }]);
  });

  test('label@head moves only that branch', () => {
    const plan = planStamp(branched, ['d1', 'c2'], ['c2branch@head']);
    assert.deepEqual(plan.changes, [{ kind: 'update', from: 'c2', to: 'd2' }]);
    assert.deepEqual(plan.headsAfter, ['d1', 'd2']);
  });

  test('stamping across a merge point, in both directions', () => {
    assert.deepEqual(planStamp(merged, ['e'], ['c2']).changes, [{ kind: 'update', from: 'e', to: 'c2' }]);
    assert.deepEqual(planStamp(merged, ['e'], ['a']).changes, [{ kind: 'update', from: 'e', to: 'a' }]);
    assert.deepEqual(planStamp(merged, ['c2'], ['e']).changes, [{ kind: 'update', from: 'c2', to: 'e' }]);
    assert.deepEqual(planStamp(merged, ['b'], ['e']).changes, [{ kind: 'update', from: 'b', to: 'e' }]);
    assert.deepEqual(planStamp(merged, ['d1', 'c2'], ['e']).changes, [{ kind: 'merge', delete: ['d1'], from: 'c2', to: 'e' }]);
    assert.deepEqual(planStamp(merged, ['d1', 'c2'], ['c2branch@head']).changes, [{ kind: 'merge', delete: ['d1'], from: 'c2', to: 'f' }]);
  });

  test('stamping heads of a forest inserts one row per tree, and nothing when already there', () => {
    const forest = new RevisionGraph([rev('a1'), rev('b1', 'a1'), rev('a2'), rev('b2', 'a2')]);
    assert.deepEqual(planStamp(forest, [], ['heads']).changes, [
      { kind: 'insert', revision: 'b1' },
      { kind: 'insert', revision: 'b2' },
    ]);
    assert.deepEqual(planStamp(forest, ['b1', 'b2'], ['heads']).changes, []);
  });

  test('--purge ignores rows no file declares', () => {
    assert.throws(() => planStamp(merged, ['gone'], ['f']), { code: 'E_UNKNOWN_REVISION' });
    assert.deepEqual(planStamp(merged, ['gone'], ['f'], { purge: true }), {
      purge: true,
      changes: [{ kind: 'insert', revision: 'f' }],
      headsAfter: ['f'],
    });
  });

  test('several targets stamp several rows', () => {
    assert.deepEqual(planStamp(branched, [], ['d1', 'c2']).headsAfter, ['d1', 'c2']);
  });

  test('stamping the parents of the current merge point gives one row per parent', () => {
    // Alembic plans both steps against the merge row and fails on the second (KeyError).
    const plan = planStamp(merged, ['e'], ['d1', 'd2']);
    assert.deepEqual(plan.changes, [
      { kind: 'update', from: 'e', to: 'd1' },
      { kind: 'insert', revision: 'd2' },
    ]);
    assert.deepEqual(plan.headsAfter, ['d1', 'd2']);
  });

  test('targets where one descends from another are refused: one of the rows would be redundant', () => {
    assert.throws(() => planStamp(branched, [], ['b', 'd1']), { code: 'E_OVERLAPPING_REVISIONS', message: /overlaps/ });
    assert.throws(() => planStamp(merged, ['a'], ['e', 'c2']), { code: 'E_OVERLAPPING_REVISIONS' });
  });
});

describe('version row operations', () => {
  test('a merge deletes first, an unmerge inserts first, then one update', () => {
    assert.deepEqual(versionRowOps({ kind: 'merge', delete: ['x', 'y'], from: 'z', to: 'm' }), [
      { kind: 'delete', revision: 'x' },
      { kind: 'delete', revision: 'y' },
      { kind: 'update', from: 'z', to: 'm' },
    ]);
    assert.deepEqual(versionRowOps({ kind: 'unmerge', insert: ['x'], from: 'm', to: 'y' }), [
      { kind: 'insert', revision: 'x' },
      { kind: 'update', from: 'm', to: 'y' },
    ]);
    assert.deepEqual(versionRowOps({ kind: 'insert', revision: 'a' }), [{ kind: 'insert', revision: 'a' }]);
  });

  test('applying a change checks every row it touches', () => {
    assert.deepEqual(applyVersionChange(['x', 'y'], { kind: 'merge', delete: ['x'], from: 'y', to: 'm' }), ['m']);
    assert.deepEqual(applyVersionChange(['m'], { kind: 'unmerge', insert: ['x'], from: 'm', to: 'y' }), ['y', 'x']);
    assert.throws(() => applyVersionChange(['a'], { kind: 'update', from: 'x', to: 'y' }), { code: 'E_VERSION_TABLE_MISMATCH', message: /current rows: a/ });
    assert.throws(() => applyVersionChange(['a'], { kind: 'insert', revision: 'a' }), { code: 'E_VERSION_TABLE_MISMATCH' });
    assert.throws(() => applyVersionChange([], { kind: 'delete', revision: 'a' }), { code: 'E_VERSION_TABLE_MISMATCH' });
    assert.throws(() => applyVersionChange(['a', 'b'], { kind: 'update', from: 'a', to: 'b' }), { code: 'E_VERSION_TABLE_MISMATCH' });
  });

  test('a step on a revision that is not a row fails before anything runs', () => {
    assert.throws(() => versionChangeAndApply(branched, ['d1'], 'c2', 'down'), { code: 'E_VERSION_TABLE_MISMATCH' });
  });
});

describe('history', () => {
  test('every revision, newest first', () => {
    assert.deepEqual(iterateRevisions(merged).map((n) => n.revision), ['f', 'e', 'd1', 'c1', 'd2', 'c2', 'b', 'a']);
  });

  test('a range is inclusive at both ends', () => {
    assert.deepEqual(iterateRevisions(merged, 'b:d2').map((n) => n.revision), ['d2', 'c2', 'b']);
    assert.deepEqual(iterateRevisions(merged, 'e:').map((n) => n.revision), ['f', 'e']);
    assert.deepEqual(iterateRevisions(merged, ':c1').map((n) => n.revision), ['c1', 'b', 'a']);
  });

  test('relative ends and current', () => {
    assert.deepEqual(iterateRevisions(merged, '-1:').map((n) => n.revision), ['f', 'e']);
    assert.deepEqual(iterateRevisions(merged, 'current:', { currentHeads: ['e'] }).map((n) => n.revision), ['f', 'e']);
    const linear = new RevisionGraph([rev('a'), rev('b', 'a'), rev('c', 'b')]);
    assert.deepEqual(iterateRevisions(linear, '-100:').map((n) => n.revision), ['c', 'b', 'a']);
    assert.deepEqual(iterateRevisions(linear, ':+100').map((n) => n.revision), ['c', 'b', 'a']);
  });

  test('a range across branches is an error', () => {
    assert.throws(() => iterateRevisions(merged, 'c1:d2'), { code: 'E_INVALID_RANGE' });
    assert.throws(() => splitRevisionRange('a'), { code: 'E_INVALID_RANGE' });
    assert.deepEqual(splitRevisionRange('a:'), { from: 'a', to: undefined });
  });

  test('a label as the lower end keeps that branch', () => {
    assert.deepEqual(iterateRevisions(branched, 'c2branch@base:').map((n) => n.revision), ['d2', 'c2', 'b', 'a']);
  });
});
