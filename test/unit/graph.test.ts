/** The revision graph's structure, lookups and the errors that name the offending files. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RevisionGraph } from '../../src/script/graph.js';
import type { RevisionInput } from '../../src/script/revision-script.js';
import { rev } from '../helpers/graph-builders.js';


function rejects(scripts: RevisionInput[], code: string, message: RegExp): void {
  assert.throws(() => new RevisionGraph(scripts), (error: unknown) => {
    assert.equal((error as { code?: string }).code, code);
    assert.match((error as Error).message, message);
    return true;
  });
}

describe('graph structure', () => {
  const graph = new RevisionGraph([
    rev('a'),
    rev('b', 'a'),
    rev('c1', 'b', { labels: ['left'] }),
    rev('c2', 'b'),
    rev('m', ['c1', 'c2']),
    rev('x'),
  ]);

  test('heads, bases, branch points and merge points', () => {
    assert.deepEqual(graph.heads, ['m', 'x']);
    assert.deepEqual(graph.realHeads, ['m', 'x']);
    assert.deepEqual(graph.bases, ['a', 'x']);
    assert.deepEqual(graph.branchPoints, ['b']);
    assert.deepEqual(graph.mergePoints, ['m']);
    assert.deepEqual(graph.node('b').nextRevisions, ['c1', 'c2']);
    assert.equal(graph.node('m').isMergePoint, true);
  });

  test('a label covers its descendants and stops at the branch point below it', () => {
    assert.deepEqual(graph.node('c1').branchLabels, ['left']);
    assert.deepEqual(graph.node('m').branchLabels, ['left']);
    assert.deepEqual(graph.node('b').branchLabels, []);
    assert.deepEqual(graph.node('c2').branchLabels, []);
    assert.equal(graph.labels.get('left'), 'c1');
  });

  test('a label on an unbranched line covers the stem below it down to the base', () => {
    const line = new RevisionGraph([rev('p'), rev('q', 'p'), rev('r', 'q', { labels: ['lib'] }), rev('s', 'r')]);
    assert.deepEqual(line.revisions.map((n) => n.branchLabels), [['lib'], ['lib'], ['lib'], ['lib']]);
    assert.deepEqual(line.resolveRevisions('lib@-1').map((n) => n.revision), ['r']);
  });

  test('symbols resolve to revisions', () => {
    assert.deepEqual(graph.resolveRevisions('heads').map((n) => n.revision), ['m', 'x']);
    assert.deepEqual(graph.resolveRevisions('base'), []);
    assert.equal(graph.resolveRevisionOrBase('left@head')?.revision, 'm');
    assert.equal(graph.resolveRevisionOrBase('base'), null);
    assert.throws(() => graph.resolveRevisions('left@-1'), { code: 'E_AMBIGUOUS_WALK' });
    assert.throws(() => graph.resolveRevisionOrBase('head'), { code: 'E_MULTIPLE_HEADS' });
  });

  test('a revision off the named branch is refused', () => {
    assert.throws(() => graph.revisionForIdent('c2', 'left'), { code: 'E_NOT_ON_BRANCH', message: /c2 \(versions\/c2\.ts\) is not on branch 'left'/ });
  });

  test('the heads of the lines the current revisions imply', () => {
    assert.deepEqual(graph.allCurrent(['c1', 'x']).sort(), ['c1', 'x']);
    assert.deepEqual(graph.allCurrent(['m']), ['m']);
  });
});

describe('revision lookup by prefix', () => {
  const graph = new RevisionGraph([
    { revision: 'abcd1234ef56', downRevisions: [], path: 'versions/abcd1234ef56_one.ts' },
    { revision: 'abcd9876fe54', downRevisions: ['abcd1234ef56'], path: 'versions/abcd9876fe54_two.ts' },
    { revision: 'ffff00001111', downRevisions: ['abcd9876fe54'], branchLabels: ['tip'], path: 'versions/ffff00001111_three.ts' },
  ]);

  test('a full id, a unique prefix of four or more characters, or a label', () => {
    assert.equal(graph.getRevision('abcd9876fe54').revision, 'abcd9876fe54');
    assert.equal(graph.getRevision('abcd98').revision, 'abcd9876fe54');
    assert.equal(graph.getRevision('ffff').revision, 'ffff00001111');
    assert.equal(graph.getRevision('tip').revision, 'ffff00001111');
  });

  test('an ambiguous prefix lists the candidates with their files', () => {
    assert.throws(() => graph.getRevision('abcd'), (error: unknown) => {
      const e = error as { code: string; message: string };
      assert.equal(e.code, 'E_AMBIGUOUS_REVISION');
      assert.match(e.message, /abcd1234ef56 \(versions\/abcd1234ef56_one\.ts\)/);
      assert.match(e.message, /abcd9876fe54 \(versions\/abcd9876fe54_two\.ts\)/);
      return true;
    });
  });

  test('a prefix shorter than four characters is refused with a hint', () => {
    assert.throws(() => graph.getRevision('fff'), (error: unknown) => {
      const e = error as { code: string; hint: string };
      assert.equal(e.code, 'E_UNKNOWN_REVISION');
      assert.match(e.hint, /at least four characters/);
      return true;
    });
  });

  test('an unknown id is E_UNKNOWN_REVISION', () => {
    assert.throws(() => graph.getRevision('12345678'), { code: 'E_UNKNOWN_REVISION', message: /'12345678'/ });
  });
});

describe('invalid graphs are errors that name the files', () => {
  test('a duplicate revision id names both files', () => {
    rejects(
      [rev('a'), { revision: 'a', downRevisions: [], path: 'other/a_copy.ts' }],
      'E_DUPLICATE_REVISION',
      /revision a is declared twice: in versions\/a\.ts and in other\/a_copy\.ts/,
    );
  });

  test('a missing down revision names the file and the missing id', () => {
    rejects([rev('a'), rev('b', 'zz')], 'E_MISSING_DOWN_REVISION', /revision b in versions\/b\.ts revises zz, which does not exist/);
  });

  test('an unknown dependency names the file', () => {
    rejects([rev('a'), rev('b', 'a', { dependsOn: ['nope'] })], 'E_UNKNOWN_DEPENDENCY', /revision b in versions\/b\.ts depends on nope/);
  });

  test('a branch label used twice names both files', () => {
    rejects(
      [rev('a', null, { labels: ['lib'] }), rev('b', 'a', { labels: ['lib'] })],
      'E_DUPLICATE_BRANCH_LABEL',
      /'lib' is declared twice: by revision a in versions\/a\.ts and by revision b in versions\/b\.ts/,
    );
  });

  test('a branch label equal to a revision id is refused', () => {
    rejects([rev('a'), rev('b', 'a', { labels: ['a'] })], 'E_DUPLICATE_BRANCH_LABEL', /is also the id of revision a in versions\/a\.ts/);
  });

  test('a cycle names every file on it', () => {
    rejects([rev('a', 'c'), rev('b', 'a'), rev('c', 'b')], 'E_REVISION_CYCLE', /a \(versions\/a\.ts\) -> c \(versions\/c\.ts\) -> b \(versions\/b\.ts\) -> a/);
  });

  test('a dependency cycle is found too', () => {
    rejects([rev('a', null, { dependsOn: ['b'] }), rev('b', 'a')], 'E_REVISION_CYCLE', /dependency cycle: .*versions\/a\.ts/);
  });

  test('a revision that revises itself', () => {
    rejects([rev('a', 'a')], 'E_REVISION_CYCLE', /revision a in versions\/a\.ts revises itself/);
  });

  test('an id with characters that would break target syntax', () => {
    rejects([rev('a-1')], 'E_INVALID_REVISION_ID', /a-1 in versions\/a-1\.ts/);
  });

  test('a header that still needs importing', () => {
    rejects([{ revision: '', path: 'versions/dyn.ts', needsImport: true } as RevisionInput], 'E_HEADER_NOT_LOADED', /versions\/dyn\.ts/);
  });

  test('an empty graph has no heads and plans nothing', () => {
    const empty = new RevisionGraph([]);
    assert.deepEqual(empty.heads, []);
    assert.equal(empty.getCurrentHead(), null);
  });
});
