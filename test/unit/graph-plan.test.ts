/**
 * Upgrade and downgrade planning, ported from the scenarios of Alembic's
 * tests/test_version_traversal.py: the steps, their order, and the version rows afterwards.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RevisionGraph } from '../../src/script/graph.js';
import { planDowngrade, planUpgrade } from '../../src/script/plan.js';
import type { MigrationStep } from '../../src/script/plan.js';
import type { RevisionInput } from '../../src/script/revision-script.js';
import { rev } from '../helpers/graph-builders.js';


function ids(steps: readonly MigrationStep[]): string[] {
  return steps.map((s) => s.revision);
}

function rowsAfter(steps: readonly MigrationStep[], start: readonly string[]): string[] {
  return [...(steps.at(-1)?.headsAfter ?? start)].sort();
}

function expectUpgrade(graph: RevisionGraph<RevisionInput>, from: readonly string[], target: string | readonly string[], steps: string[], rows: string[]): void {
  const plan = planUpgrade(graph, from, target);
  assert.deepEqual(ids(plan), steps);
  assert.ok(plan.every((s) => s.direction === 'up'));
  assert.deepEqual(rowsAfter(plan, from), [...rows].sort());
}

function expectDowngrade(graph: RevisionGraph<RevisionInput>, from: readonly string[], target: string, steps: string[], rows: string[]): void {
  const plan = planDowngrade(graph, from, target);
  assert.deepEqual(ids(plan), steps);
  assert.ok(plan.every((s) => s.direction === 'down'));
  assert.deepEqual(rowsAfter(plan, from), [...rows].sort());
}

function expectCode(fn: () => unknown, code: string, message?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.equal((error as { code?: string }).code, code);
    if (message !== undefined) assert.match((error as Error).message, message);
    return true;
  });
}

describe('a linear chain a -> b -> c -> d -> e', () => {
  const graph = new RevisionGraph([rev('a'), rev('b', 'a'), rev('c', 'b'), rev('d', 'c'), rev('e', 'd')]);

  test('upgrade walks from the current revision to the target, one row moving along', () => {
    expectUpgrade(graph, ['c'], 'e', ['d', 'e'], ['e']);
    expectUpgrade(graph, [], 'c', ['a', 'b', 'c'], ['c']);
    expectUpgrade(graph, [], 'head', ['a', 'b', 'c', 'd', 'e'], ['e']);
  });

  test('the first upgrade inserts the row and later steps update it', () => {
    const plan = planUpgrade(graph, [], 'b');
    assert.deepEqual(plan.map((s) => s.versionChange), [
      { kind: 'insert', revision: 'a' },
      { kind: 'update', from: 'a', to: 'b' },
    ]);
    assert.deepEqual(plan[1]?.fromRevisions, ['a']);
    assert.deepEqual(plan[1]?.toRevisions, ['b']);
  });

  test('relative upgrades count from the current revision or a named one', () => {
    expectUpgrade(graph, ['a'], '+2', ['b', 'c'], ['c']);
    expectUpgrade(graph, ['a'], '+1', ['b'], ['b']);
    expectUpgrade(graph, ['b'], '+3', ['c', 'd', 'e'], ['e']);
    expectUpgrade(graph, ['a'], 'b+2', ['b', 'c', 'd'], ['d']);
    expectUpgrade(graph, ['a'], 'd-2', ['b'], ['b']);
  });

  test('upgrade -N is refused and +N past the head says how far one can go', () => {
    expectCode(() => planUpgrade(graph, ['b'], '-2'), 'E_INVALID_TARGET', /not an upgrade target/);
    expectCode(() => planUpgrade(graph, ['b'], '+5'), 'E_RELATIVE_OUT_OF_RANGE', /only 3 revision\(s\) lie above b/);
  });

  test('upgrading to a revision already applied does nothing', () => {
    expectUpgrade(graph, ['d'], 'b', [], ['d']);
  });

  test('downgrade walks back and the last step to base deletes the row', () => {
    expectDowngrade(graph, ['e'], 'c', ['e', 'd'], ['c']);
    const plan = planDowngrade(graph, ['c'], 'base');
    assert.deepEqual(ids(plan), ['c', 'b', 'a']);
    assert.deepEqual(plan.at(-1)?.versionChange, { kind: 'delete', revision: 'a' });
    assert.deepEqual(plan.at(-1)?.headsAfter, []);
    assert.deepEqual(plan[0]?.toRevisions, ['b']);
  });

  test('relative downgrades count from the current revision or a named one', () => {
    expectDowngrade(graph, ['c'], '-1', ['c'], ['b']);
    expectDowngrade(graph, ['e'], '-3', ['e', 'd', 'c'], ['b']);
    expectDowngrade(graph, ['d'], 'a+2', ['d'], ['c']);
    expectDowngrade(graph, ['d'], 'c-2', ['d', 'c', 'b'], ['a']);
    expectDowngrade(graph, ['a'], '-1', ['a'], []);
  });

  test('downgrade -N below base says how far one can go, and +N is refused', () => {
    expectCode(() => planDowngrade(graph, ['b'], '-5'), 'E_RELATIVE_OUT_OF_RANGE', /only 2 revision\(s\) can be downgraded from b/);
    expectCode(() => planDowngrade(graph, [], '-1'), 'E_RELATIVE_OUT_OF_RANGE', /no current revision/);
    expectCode(() => planDowngrade(graph, ['b'], '+2'), 'E_INVALID_TARGET', /not a downgrade target/);
  });

  test('downgrading to a revision above the current one is an error', () => {
    expectCode(() => planDowngrade(graph, [], 'b'), 'E_INVALID_DOWNGRADE_TARGET');
    expectCode(() => planDowngrade(graph, ['b'], 'c'), 'E_INVALID_DOWNGRADE_TARGET', /current revision\(s\): b/);
  });

  test('downgrading to where the database already is does nothing', () => {
    expectDowngrade(graph, [], 'base', [], []);
    expectDowngrade(graph, ['a'], 'a', [], ['a']);
    expectDowngrade(graph, ['e'], 'e', [], ['e']);
  });

  test('a current revision no file declares is an error suggesting stamp --purge', () => {
    expectCode(() => planUpgrade(graph, ['zzzz'], 'head'), 'E_UNKNOWN_REVISION', /database is at revision zzzz/);
  });
});

describe('a branch: a -> b, then b -> c1 -> d1 (c1branch) and b -> c2 -> d2 (c2branch)', () => {
  const graph = new RevisionGraph([
    rev('a'),
    rev('b', 'a'),
    rev('c1', 'b', { labels: ['c1branch'] }),
    rev('d1', 'c1'),
    rev('c2', 'b', { labels: ['c2branch'] }),
    rev('d2', 'c2'),
  ]);

  test('upgrade head with two heads fails with a hint naming heads, upgrade heads and merge', () => {
    assert.throws(
      () => planUpgrade(graph, ['b'], 'head'),
      (error: unknown) => {
        const e = error as { code: string; message: string; hint: string };
        assert.equal(e.code, 'E_MULTIPLE_HEADS');
        assert.match(e.message, /d1 \(versions\/d1\.ts\), d2 \(versions\/d2\.ts\)/);
        assert.match(e.hint, /alembic-ts heads/);
        assert.match(e.hint, /upgrade heads/);
        assert.match(e.hint, /alembic-ts merge/);
        return true;
      },
    );
  });

  test('upgrade heads applies both branches; the second branch inserts its own row', () => {
    const plan = planUpgrade(graph, ['a'], 'heads');
    assert.deepEqual(ids(plan), ['b', 'c2', 'd2', 'c1', 'd1']);
    assert.deepEqual(plan[2]?.versionChange, { kind: 'update', from: 'c2', to: 'd2' });
    assert.deepEqual(plan[3]?.versionChange, { kind: 'insert', revision: 'c1' });
    assert.deepEqual(rowsAfter(plan, ['a']), ['d1', 'd2']);
  });

  test('several targets are applied together', () => {
    expectUpgrade(graph, ['a'], ['d1', 'd2'], ['b', 'c2', 'd2', 'c1', 'd1'], ['d1', 'd2']);
  });

  test('label@head applies only that branch', () => {
    expectUpgrade(graph, ['b'], 'c1branch@head', ['c1', 'd1'], ['d1']);
    expectUpgrade(graph, ['b'], 'd1', ['c1', 'd1'], ['d1']);
    expectUpgrade(graph, ['b'], 'c2branch@head-1', ['c2'], ['c2']);
  });

  test('label@+N moves one branch up from the current revisions', () => {
    expectUpgrade(graph, ['c1'], 'c2branch@+1', ['c2'], ['c1', 'c2']);
    expectUpgrade(graph, ['c1', 'c2'], 'c2branch@+1', ['d2'], ['c1', 'd2']);
  });

  test('+N from two current revisions is ambiguous', () => {
    expectCode(() => planUpgrade(graph, ['c1', 'c2'], '+1'), 'E_AMBIGUOUS_UPGRADE');
  });

  test('+1 from nothing starts at the base', () => {
    expectUpgrade(graph, [], 'base+1', ['a'], ['a']);
    expectUpgrade(graph, [], '+1', ['a'], ['a']);
  });

  test('+N through a branch point without a label is ambiguous', () => {
    expectCode(() => planUpgrade(graph, ['b'], '+1'), 'E_AMBIGUOUS_WALK', /b \(versions\/b\.ts\) branches into c1, c2/);
  });

  test('downgrading both branches to the branch point', () => {
    expectDowngrade(graph, ['d1', 'd2'], 'a', ['d1', 'c1', 'd2', 'c2', 'b'], ['a']);
    expectDowngrade(graph, ['d2', 'd1'], 'base+2', ['d1', 'c1', 'd2', 'c2'], ['b']);
  });

  test('a label narrows a downgrade to one branch', () => {
    expectDowngrade(graph, ['d2', 'd1'], 'c2branch@base+2', ['d2', 'c2'], ['d1']);
    expectDowngrade(graph, ['d2', 'd1'], 'c2', ['d2'], ['c2', 'd1']);
    expectDowngrade(graph, ['d2', 'd1'], 'c2branch@base+3', ['d2'], ['c2', 'd1']);
    expectDowngrade(graph, ['d1', 'd2'], 'c1branch@-1', ['d1'], ['c1', 'd2']);
    expectDowngrade(graph, ['d1', 'd2'], 'c1branch@head-1', ['d1'], ['c1', 'd2']);
    expectDowngrade(graph, ['c1', 'd2'], 'c1branch@b', ['c1'], ['d2']);
    expectDowngrade(graph, ['c1', 'd2'], 'c2branch@b', ['d2', 'c2'], ['c1']);
  });

  test('a revision on the branch can stand for its label', () => {
    expectDowngrade(graph, ['d1', 'd2'], 'c2@b', ['d2', 'c2'], ['d1']);
    expectDowngrade(graph, ['d1', 'd2'], 'd1@b', ['d1', 'c1'], ['d2']);
  });

  test('REV-N downgrades only the line of REV', () => {
    expectDowngrade(graph, ['d2', 'c1'], 'd2-1', ['d2'], ['c1', 'c2']);
    expectDowngrade(graph, ['c1', 'd2'], 'd2-1', ['d2'], ['c1', 'c2']);
  });

  test('downgrade -1 with two current revisions is ambiguous (Alembic only warns)', () => {
    assert.throws(() => planDowngrade(graph, ['d2', 'd1'], '-1'), (error: unknown) => {
      const e = error as { code: string; message: string; hint: string };
      assert.equal(e.code, 'E_AMBIGUOUS_DOWNGRADE');
      assert.match(e.message, /several revisions \(d2, d1\)/);
      assert.match(e.hint, /<label>@-1/);
      return true;
    });
  });

  test('downgrading to a current revision of another branch changes nothing', () => {
    expectDowngrade(graph, ['d1', 'c2'], 'c2', [], ['c2', 'd1']);
    expectDowngrade(graph, ['d1', 'c2'], 'd1', [], ['c2', 'd1']);
  });

  test('an unknown label is an error listing the known ones', () => {
    assert.throws(() => planUpgrade(graph, ['b'], 'nope@head'), (error: unknown) => {
      const e = error as { code: string; hint: string };
      assert.equal(e.code, 'E_UNKNOWN_BRANCH');
      assert.match(e.hint, /c1branch, c2branch/);
      return true;
    });
  });
});

describe('merge points', () => {
  const graph = new RevisionGraph([
    rev('a'),
    rev('b', 'a'),
    rev('c1', 'b'),
    rev('d1', 'c1'),
    rev('c2', 'b', { labels: ['c2branch'] }),
    rev('d2', 'c2'),
    rev('e', ['d1', 'd2']),
    rev('f', 'e'),
  ]);

  test('upgrading across a merge point deletes one row and updates the other', () => {
    const plan = planUpgrade(graph, ['b'], 'f');
    assert.deepEqual(ids(plan), ['c2', 'd2', 'c1', 'd1', 'e', 'f']);
    assert.deepEqual(plan[2]?.versionChange, { kind: 'insert', revision: 'c1' });
    assert.deepEqual(plan[4]?.versionChange, { kind: 'merge', delete: ['d1'], from: 'd2', to: 'e' });
    assert.deepEqual(plan[4]?.fromRevisions, ['d1', 'd2']);
    assert.deepEqual(plan[4]?.headsAfter, ['e']);
    assert.deepEqual(rowsAfter(plan, ['b']), ['f']);
  });

  test('downgrading across a merge point inserts a row and later deletes the branch', () => {
    const plan = planDowngrade(graph, ['f'], 'b');
    assert.deepEqual(ids(plan), ['f', 'e', 'd1', 'c1', 'd2', 'c2']);
    assert.deepEqual(plan[1]?.versionChange, { kind: 'unmerge', insert: ['d1'], from: 'e', to: 'd2' });
    assert.deepEqual(plan[1]?.toRevisions, ['d1', 'd2']);
    assert.deepEqual(plan[3]?.versionChange, { kind: 'delete', revision: 'c1' });
    assert.deepEqual(rowsAfter(plan, ['f']), ['b']);
  });

  test('downgrade -1 from a merge point undoes the merge and leaves two rows', () => {
    const plan = planDowngrade(graph, ['e'], '-1');
    assert.deepEqual(ids(plan), ['e']);
    assert.deepEqual(rowsAfter(plan, ['e']), ['d1', 'd2']);
  });

  test('downgrade -2 from above a merge point stops just below it', () => {
    expectDowngrade(graph, ['f'], '-2', ['f', 'e'], ['d1', 'd2']);
    expectDowngrade(graph, ['f'], 'f-2', ['f', 'e'], ['d1', 'd2']);
  });

  test('walking further down than one step below a merge point is ambiguous', () => {
    expectCode(() => planDowngrade(graph, ['f'], '-3'), 'E_AMBIGUOUS_WALK', /e \(versions\/e\.ts\) merges d1, d2/);
  });

  test('a three-way merge deletes two rows and downgrading it restores three', () => {
    const three = new RevisionGraph([rev('a'), rev('b1', 'a'), rev('b2', 'a'), rev('b3', 'a'), rev('m', ['b1', 'b2', 'b3'])]);
    const up = planUpgrade(three, [], 'head');
    assert.deepEqual(ids(up), ['a', 'b3', 'b2', 'b1', 'm']);
    assert.deepEqual(up.at(-1)?.versionChange, { kind: 'merge', delete: ['b1', 'b2'], from: 'b3', to: 'm' });
    const down = planDowngrade(three, ['m'], '-1');
    assert.deepEqual(down[0]?.versionChange, { kind: 'unmerge', insert: ['b1', 'b2'], from: 'm', to: 'b3' });
    assert.deepEqual(rowsAfter(down, ['m']), ['b1', 'b2', 'b3']);
    expectDowngrade(three, ['m'], 'a', ['m', 'b1', 'b2', 'b3'], ['a']);
  });

  test('a branch off a merge point (BranchFromMergepointTest)', () => {
    const g = new RevisionGraph([
      rev('a1'), rev('b1', 'a1'), rev('c1', 'b1'),
      rev('a2'), rev('b2', 'a2'), rev('c2', 'b2'),
      rev('d1', ['c1', 'c2']), rev('d2', 'c2'),
    ]);
    expectUpgrade(g, ['d2', 'b1'], 'd1', ['c1', 'd1'], ['d1', 'd2']);
    expectDowngrade(g, ['d2', 'd1'], 'b1', ['d1', 'c1'], ['b1', 'd2']);
  });

  test('a branch off a three-way merge point (BranchFrom3WayMergepointTest)', () => {
    const g = new RevisionGraph([
      rev('a1'), rev('b1', 'a1'), rev('c1', 'b1'),
      rev('a2'), rev('b2', 'a2'), rev('c2', 'b2'),
      rev('a3'), rev('b3', 'a3'), rev('c3', 'b3'),
      rev('d1', ['c1', 'c2', 'c3']), rev('d2', 'c2'), rev('d3', 'c3'),
    ]);
    expectUpgrade(g, ['d3', 'd2', 'b1'], 'd1', ['c1', 'd1'], ['d1', 'd2', 'd3']);
    expectDowngrade(g, ['d3', 'd2', 'd1'], 'b1', ['d1', 'c1'], ['b1', 'd2', 'd3']);
    expectUpgrade(g, ['d3', 'b2', 'b1'], 'd1', ['c2', 'c1', 'd1'], ['d1', 'd3']);
    expectUpgrade(g, ['d3', 'd1'], 'd2', ['d2'], ['d1', 'd2', 'd3']);
  });
});

describe('two bases (a forest)', () => {
  const graph = new RevisionGraph([rev('a1'), rev('b1', 'a1'), rev('a2'), rev('b2', 'a2')]);

  test('upgrade heads from nothing applies each tree, each with its own row', () => {
    const plan = planUpgrade(graph, [], 'heads');
    assert.deepEqual(ids(plan), ['a2', 'b2', 'a1', 'b1']);
    assert.deepEqual(plan[0]?.versionChange, { kind: 'insert', revision: 'a2' });
    assert.deepEqual(plan[2]?.versionChange, { kind: 'insert', revision: 'a1' });
    assert.deepEqual(rowsAfter(plan, []), ['b1', 'b2']);
  });

  test('downgrade base removes both trees', () => {
    expectDowngrade(graph, ['b1', 'b2'], 'base', ['b1', 'a1', 'b2', 'a2'], []);
  });

  test('+1 from nothing is ambiguous between the bases', () => {
    expectCode(() => planUpgrade(graph, [], '+1'), 'E_AMBIGUOUS_WALK', /base branches into a1, a2/);
  });
});
