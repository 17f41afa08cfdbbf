/**
 * Builds and validates the nodes of a revision graph (Alembic's RevisionMap set-up): every
 * problem is an error that names the revision and its file.
 */
import { RevisionError } from '../errors.js';
import type { RevisionInput } from './revision-script.js';

export interface RevisionNode<S extends RevisionInput = RevisionInput> {
  readonly revision: string;
  /** `downRevision` as declared: the versioned parents. */
  readonly downRevisions: readonly string[];
  /** `dependsOn` resolved to revision ids (a branch label means the revision declaring it). */
  readonly dependsOn: readonly string[];
  /** Down revisions plus the dependencies no ancestor already declares (Alembic's normalized form). */
  readonly normalizedDownRevisions: readonly string[];
  /** Down revisions plus every dependency. */
  readonly allDownRevisions: readonly string[];
  /** Revisions whose `downRevision` names this one. */
  readonly nextRevisions: readonly string[];
  /** Revisions that name this one in `downRevision` or `dependsOn`. */
  readonly allNextRevisions: readonly string[];
  /** The labels declared here and inherited along the branch. */
  readonly branchLabels: readonly string[];
  /** No revision names this one as its down revision (dependents do not count). */
  readonly isHead: boolean;
  /** Nothing names this one, not even as a dependency: an effective head. */
  readonly isRealHead: boolean;
  readonly isBase: boolean;
  readonly isRealBase: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
  readonly script: S;
}

interface Draft<S extends RevisionInput> {
  readonly script: S;
  readonly revision: string;
  readonly downRevisions: readonly string[];
  dependsOn: readonly string[];
  normalizedDependsOn: readonly string[];
  /** Shared NONE until the first child: most revisions of a long history have exactly one. */
  nextRevisions: string[];
  allNextRevisions: string[];
  /** Undefined until a label is declared or inherited: most revisions have none. */
  branchLabels: Set<string> | undefined;
  /** Depth-first search state, see findCycle. */
  visit: number;
}

export interface BuiltGraph<S extends RevisionInput> {
  /** In input order, which breaks ties between independent branches, as in Alembic. */
  readonly nodes: ReadonlyMap<string, RevisionNode<S>>;
  /** Branch label to the revision that declares it. */
  readonly labels: ReadonlyMap<string, string>;
}

const ILLEGAL_ID = /[@+:\-\s]/;

export function describeScript(script: RevisionInput): string {
  return script.path === undefined ? `revision ${script.revision}` : `revision ${script.revision} in ${script.path}`;
}

/**
 * The empty list every revision without children, dependencies or labels shares. A history of
 * thousands then allocates one object per revision, and the graph's lists are read-only.
 */
const NONE: readonly string[] = Object.freeze([]);

/** The list without repeats; a list of zero or one id is returned as it is, not copied. */
function unique(items: readonly string[]): readonly string[] {
  return items.length < 2 ? items : items.length === 2 && items[0] !== items[1] ? items : [...new Set(items)];
}

/** `unique([...a, ...b])`, which is `unique(a)` when `b` is empty. */
function union(a: readonly string[], b: readonly string[]): readonly string[] {
  return b.length === 0 ? unique(a) : unique([...a, ...b]);
}

function checkId(script: RevisionInput & { readonly needsImport?: boolean }): void {
  if (script.revision === '' && script.needsImport === true) {
    throw new RevisionError('E_HEADER_NOT_LOADED', `the header of ${script.path ?? 'a revision file'} is not a literal and was not imported`, {
      hint: 'Pass the scanned scripts through loadImportedHeaders() before building the graph.',
    });
  }
  if (script.revision === '' || ILLEGAL_ID.test(script.revision)) {
    throw new RevisionError('E_INVALID_REVISION_ID', `${describeScript(script)}: the id may not be empty or contain @ + - : or spaces`);
  }
  if (script.downRevisions?.includes(script.revision)) {
    throw new RevisionError('E_REVISION_CYCLE', `${describeScript(script)} revises itself`);
  }
  if (script.dependsOn?.includes(script.revision)) {
    throw new RevisionError('E_REVISION_CYCLE', `${describeScript(script)} depends on itself`);
  }
}

function draftNodes<S extends RevisionInput>(scripts: readonly S[]): Map<string, Draft<S>> {
  const drafts = new Map<string, Draft<S>>();
  for (const script of scripts) {
    checkId(script);
    const existing = drafts.get(script.revision);
    if (existing !== undefined) {
      throw new RevisionError(
        'E_DUPLICATE_REVISION',
        `revision ${script.revision} is declared twice: in ${existing.script.path ?? '?'} and in ${script.path ?? '?'}`,
        { hint: 'Give one of the files a new revision id (and update the revisions that name it).' },
      );
    }
    const labels = script.branchLabels ?? NONE;
    drafts.set(script.revision, {
      script,
      revision: script.revision,
      downRevisions: unique(script.downRevisions ?? NONE),
      dependsOn: NONE,
      normalizedDependsOn: NONE,
      nextRevisions: NONE as string[],
      allNextRevisions: NONE as string[],
      branchLabels: labels.length === 0 ? undefined : new Set(labels),
      visit: 0,
    });
  }
  return drafts;
}

function mapLabels<S extends RevisionInput>(drafts: ReadonlyMap<string, Draft<S>>): Map<string, string> {
  const labels = new Map<string, string>();
  for (const draft of drafts.values()) {
    for (const label of draft.branchLabels ?? NONE) {
      const sameId = drafts.get(label);
      if (sameId !== undefined) {
        throw new RevisionError(
          'E_DUPLICATE_BRANCH_LABEL',
          `branch label '${label}' of ${describeScript(draft.script)} is also the id of ${describeScript(sameId.script)}`,
        );
      }
      const owner = labels.get(label);
      if (owner !== undefined) {
        throw new RevisionError(
          'E_DUPLICATE_BRANCH_LABEL',
          `branch label '${label}' is declared twice: by ${describeScript((drafts.get(owner) as Draft<S>).script)} and by ${describeScript(draft.script)}`,
          { hint: 'A branch label names one branch; remove it from one of the files.' },
        );
      }
      labels.set(label, draft.revision);
    }
  }
  return labels;
}

/** Resolves and checks every edge; true when any revision has a dependsOn. */
function link<S extends RevisionInput>(drafts: ReadonlyMap<string, Draft<S>>, labels: ReadonlyMap<string, string>): boolean {
  let anyDependency = false;
  for (const draft of drafts.values()) {
    const declared = draft.script.dependsOn ?? NONE;
    draft.dependsOn = declared.length === 0 ? NONE : unique(
      declared.map((dep) => {
        const resolved = drafts.has(dep) ? dep : labels.get(dep);
        if (resolved === undefined) {
          throw new RevisionError(
            'E_UNKNOWN_DEPENDENCY',
            `${describeScript(draft.script)} depends on ${dep}, which is neither a revision nor a branch label`,
            { hint: `Fix dependsOn in ${draft.script.path ?? 'the revision file'}.` },
          );
        }
        return resolved;
      }),
    );
    if (draft.dependsOn.length > 0) anyDependency = true;
    for (const down of draft.downRevisions) {
      if (!drafts.has(down)) {
        throw new RevisionError('E_MISSING_DOWN_REVISION', `${describeScript(draft.script)} revises ${down}, which does not exist`, {
          hint: `Restore the file that declares ${down}, or fix downRevision in ${draft.script.path ?? 'the revision file'}.`,
        });
      }
    }
  }
  for (const draft of drafts.values()) {
    for (const parent of union(draft.downRevisions, draft.dependsOn)) {
      const parentDraft = drafts.get(parent) as Draft<S>;
      if (!draft.downRevisions.includes(parent)) {
        parentDraft.allNextRevisions = append(parentDraft.allNextRevisions, draft.revision);
      } else if (anyDependency) {
        parentDraft.nextRevisions = append(parentDraft.nextRevisions, draft.revision);
        parentDraft.allNextRevisions = append(parentDraft.allNextRevisions, draft.revision);
      } else {
        // Without any dependsOn both lists are the same: one array serves as both.
        parentDraft.nextRevisions = append(parentDraft.nextRevisions, draft.revision);
        parentDraft.allNextRevisions = parentDraft.nextRevisions;
      }
    }
  }
  return anyDependency;
}

/** Pushes onto a draft's own list, or starts one instead of the shared NONE. */
function append(list: string[], id: string): string[] {
  if (list === NONE) return [id];
  list.push(id);
  return list;
}

/**
 * Iterative depth-first search, so a long history cannot overflow the stack. The path is kept
 * in parallel arrays and the state on the drafts: no object per step on thousands of revisions.
 */
function findCycle<S extends RevisionInput>(
  drafts: ReadonlyMap<string, Draft<S>>,
  edges: (d: Draft<S>) => readonly string[],
  unvisited: number,
): string[] | undefined {
  // A search that finds no cycle leaves every draft at `unvisited + 2`, the next search's unvisited.
  const open = unvisited + 1;
  const done = unvisited + 2;
  const path: Draft<S>[] = [];
  const children: (readonly string[])[] = [];
  const next: number[] = [];
  for (const start of drafts.values()) {
    if (start.visit !== unvisited) continue;
    start.visit = open;
    path.push(start);
    children.push(edges(start));
    next.push(0);
    while (path.length > 0) {
      const top = path.length - 1;
      const list = children[top] as readonly string[];
      const index = next[top] as number;
      if (index >= list.length) {
        (path[top] as Draft<S>).visit = done;
        path.pop();
        children.pop();
        next.pop();
        continue;
      }
      next[top] = index + 1;
      const child = drafts.get(list[index] as string) as Draft<S>;
      if (child.visit === open) {
        const ids = path.map((d) => d.revision);
        return [...ids.slice(ids.indexOf(child.revision)), child.revision];
      }
      if (child.visit === unvisited) {
        child.visit = open;
        path.push(child);
        children.push(edges(child));
        next.push(0);
      }
    }
  }
  return undefined;
}

function checkCycles<S extends RevisionInput>(drafts: ReadonlyMap<string, Draft<S>>, anyDependency: boolean): void {
  const kinds: readonly [string, (d: Draft<S>) => readonly string[]][] = [
    ['revisions form a cycle', (d) => d.downRevisions],
    ['revisions form a dependency cycle', (d) => (d.dependsOn.length === 0 ? d.downRevisions : union(d.downRevisions, d.dependsOn))],
  ];
  // Without any dependsOn the second search would walk the very same edges again.
  for (const [i, [what, edges]] of (anyDependency ? kinds : kinds.slice(0, 1)).entries()) {
    const cycle = findCycle(drafts, edges, 2 * i);
    if (cycle === undefined) continue;
    const named = cycle.map((id, i) => {
      const path = (drafts.get(id) as Draft<S>).script.path;
      return i === cycle.length - 1 || path === undefined ? id : `${id} (${path})`;
    });
    throw new RevisionError('E_REVISION_CYCLE', `${what}: ${named.join(' -> ')}`, {
      hint: 'Each revision must revise (or depend on) only older revisions; fix downRevision or dependsOn in one of these files.',
    });
  }
}

function versionedAncestors<S extends RevisionInput>(drafts: ReadonlyMap<string, Draft<S>>, start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length > 0) {
    const id = todo.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...(drafts.get(id) as Draft<S>).downRevisions);
  }
  return seen;
}

/** A dependency that an ancestor already declares adds nothing (Alembic's _normalize_depends_on). */
function normalizeDependencies<S extends RevisionInput>(drafts: ReadonlyMap<string, Draft<S>>): void {
  for (const draft of drafts.values()) {
    if (draft.dependsOn.length === 0) continue;
    const inherited = new Set<string>();
    for (const id of versionedAncestors(drafts, draft.revision)) {
      if (id !== draft.revision) for (const dep of (drafts.get(id) as Draft<S>).dependsOn) inherited.add(dep);
    }
    draft.normalizedDependsOn = draft.dependsOn.filter((dep) => !inherited.has(dep));
  }
}

/**
 * A label covers its revision's descendants and, downwards, the unbranched stem below it, up
 * to a branch point or merge point (Alembic's _add_branches).
 */
function propagateLabels<S extends RevisionInput>(drafts: ReadonlyMap<string, Draft<S>>): void {
  const labelled: (readonly [Draft<S>, readonly string[]])[] = [];
  for (const draft of drafts.values()) if (draft.branchLabels !== undefined) labelled.push([draft, [...draft.branchLabels]]);
  for (const [draft, labels] of labelled) {
    const todo = [draft.revision];
    const seen = new Set<string>();
    while (todo.length > 0) {
      const id = todo.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = drafts.get(id) as Draft<S>;
      addLabels(node, labels);
      todo.push(...node.nextRevisions);
    }
    let parent: Draft<S> | undefined = draft;
    while (parent !== undefined && parent.allNextRevisions.length <= 1 && parent.downRevisions.length <= 1) {
      addLabels(parent, labels);
      const down: string | undefined = parent.downRevisions[0];
      parent = down === undefined ? undefined : drafts.get(down);
    }
  }
}

function addLabels<S extends RevisionInput>(draft: Draft<S>, labels: readonly string[]): void {
  draft.branchLabels ??= new Set();
  for (const label of labels) draft.branchLabels.add(label);
}

function freeze<S extends RevisionInput>(draft: Draft<S>): RevisionNode<S> {
  const independent = draft.dependsOn.length === 0;
  const allDownRevisions = independent ? draft.downRevisions : union(draft.downRevisions, draft.dependsOn);
  return {
    revision: draft.revision,
    downRevisions: draft.downRevisions,
    dependsOn: draft.dependsOn,
    normalizedDownRevisions: independent ? draft.downRevisions : union(draft.downRevisions, draft.normalizedDependsOn),
    allDownRevisions,
    nextRevisions: draft.nextRevisions,
    allNextRevisions: draft.allNextRevisions,
    branchLabels: draft.branchLabels === undefined ? NONE : [...draft.branchLabels],
    isHead: draft.nextRevisions.length === 0,
    isRealHead: draft.allNextRevisions.length === 0,
    isBase: draft.downRevisions.length === 0,
    isRealBase: allDownRevisions.length === 0,
    isBranchPoint: draft.nextRevisions.length > 1,
    isMergePoint: draft.downRevisions.length > 1,
    script: draft.script,
  };
}

export function buildGraph<S extends RevisionInput>(scripts: readonly S[]): BuiltGraph<S> {
  const drafts = draftNodes(scripts);
  const labels = mapLabels(drafts);
  const anyDependency = link(drafts, labels);
  checkCycles(drafts, anyDependency);
  if (anyDependency) normalizeDependencies(drafts);
  propagateLabels(drafts);
  const nodes = new Map<string, RevisionNode<S>>();
  for (const draft of drafts.values()) nodes.set(draft.revision, freeze(draft));
  return { nodes, labels };
}
