/**
 * The revision graph: revision files as a DAG, with Alembic's RevisionMap semantics (heads,
 * bases, branch labels, depends_on, symbolic and relative targets). Pure: no file system.
 *
 * Planning (plan.ts, plan-stamp.ts) turns a graph, the database's current heads and a target
 * into steps. Each `MigrationStep` carries a `versionChange`: what to do to the version table
 * (`alembic_version(version_num)`, one row per current head) in the same transaction as the
 * step. It is data, a pure function of (graph, heads before the step, step), computed
 * exactly as Alembic's HeadMaintainer does it, and `step.headsAfter` is the resulting rows:
 *
 * - `{ kind: 'update', from, to }`: UPDATE the row `from` to `to`. A plain step: upgrading
 *   moves the row from the down revision to the revision, downgrading moves it back.
 * - `{ kind: 'insert', revision }`: INSERT a row. Upgrading a base revision, or a revision
 *   whose down revision is no longer a row (it was already moved on by a sibling branch, or
 *   is implied by another head through depends_on): a new branch starts.
 * - `{ kind: 'delete', revision }`: DELETE the row. Downgrading a base revision, or a
 *   revision whose down revisions stay implied by the other heads.
 * - `{ kind: 'merge', delete, from, to }`: upgrading a merge point while two or more of its
 *   down revisions are rows: DELETE each row in `delete`, then UPDATE `from` to `to`.
 * - `{ kind: 'unmerge', insert, from, to }`: downgrading a merge point: INSERT each row in
 *   `insert`, then UPDATE `from` to `to` (`downgrade -1` from a merge leaves two rows).
 *
 * Every DELETE and UPDATE must match exactly one row; anything else means the table changed
 * under us and the step must fail (Alembic checks the rowcount the same way).
 * `versionRowOps(change)` flattens a change into those single-row statements, in order.
 */
import { RevisionError } from '../errors.js';
import { buildGraph } from './graph-build.js';
import type { RevisionNode } from './graph-build.js';
import type { RevisionInput, RevisionScript } from './revision-script.js';
import { walk, walkError } from './revision-walk.js';

export type { RevisionNode } from './graph-build.js';

export interface TraverseOptions {
  /** Follow depends_on edges too (default true), as Alembic's traversals do. */
  readonly includeDependencies?: boolean;
  /** Fail when one requested revision is an ancestor (or descendant) of another. */
  readonly check?: boolean;
}

const MIN_PREFIX = 4;

export class RevisionGraph<S extends RevisionInput = RevisionScript> {
  readonly nodes: ReadonlyMap<string, RevisionNode<S>>;
  /** Branch label to the revision that declares it. */
  readonly labels: ReadonlyMap<string, string>;
  /** Revisions no other revision revises (Alembic's `heads`); what `alembic-ts heads` lists. */
  readonly heads: readonly string[];
  /** Heads nothing depends on either: what `heads` as a target means. */
  readonly realHeads: readonly string[];
  readonly bases: readonly string[];
  readonly realBases: readonly string[];
  readonly branchPoints: readonly string[];
  readonly mergePoints: readonly string[];
  private order: Map<string, number> | undefined;

  constructor(scripts: readonly S[]) {
    const built = buildGraph(scripts);
    this.nodes = built.nodes;
    this.labels = built.labels;
    const heads: string[] = [];
    const realHeads: string[] = [];
    const bases: string[] = [];
    const realBases: string[] = [];
    const branchPoints: string[] = [];
    const mergePoints: string[] = [];
    // One pass over thousands of nodes rather than one per list.
    for (const n of this.nodes.values()) {
      if (n.isHead) heads.push(n.revision);
      if (n.isRealHead) realHeads.push(n.revision);
      if (n.isBase) bases.push(n.revision);
      if (n.isRealBase) realBases.push(n.revision);
      if (n.isBranchPoint) branchPoints.push(n.revision);
      if (n.isMergePoint) mergePoints.push(n.revision);
    }
    this.heads = heads;
    this.realHeads = realHeads;
    this.bases = bases;
    this.realBases = realBases;
    this.branchPoints = branchPoints;
    this.mergePoints = mergePoints;
  }

  /** Every revision, in input order. */
  get revisions(): RevisionNode<S>[] {
    return [...this.nodes.values()];
  }

  /** Position in input order, the tie-breaker between independent branches. */
  indexOf(revision: string): number {
    if (this.order === undefined) {
      // Built on first use: `heads` and `current` never need it.
      this.order = new Map();
      for (const id of this.nodes.keys()) this.order.set(id, this.order.size);
    }
    return this.order.get(revision) ?? -1;
  }

  /** The node with exactly this id. */
  node(revision: string): RevisionNode<S> {
    const node = this.nodes.get(revision);
    if (node === undefined) throw this.unknown(revision);
    return node;
  }

  /** `id (path)`, for messages. */
  describe(revision: string): string {
    const path = this.nodes.get(revision)?.script.path;
    return path === undefined ? revision : `${revision} (${path})`;
  }

  /** A revision by full id, branch label, or unique prefix of at least four characters. */
  getRevision(idOrPrefix: string): RevisionNode<S> {
    return this.revisionForIdent(idOrPrefix);
  }

  /** Alembic's _revision_for_ident: an id, label or prefix, optionally checked against a branch. */
  revisionForIdent(ident: string, checkBranch?: string): RevisionNode<S> {
    const branch = checkBranch === undefined ? undefined : this.resolveBranch(checkBranch);
    const labelled = this.labels.get(ident);
    let node = this.nodes.get(ident) ?? (labelled === undefined ? undefined : this.nodes.get(labelled));
    if (node === undefined) {
      if (ident.length < MIN_PREFIX || /[@:]/.test(ident)) throw this.unknown(ident);
      let candidates = [...this.nodes.keys()].filter((id) => id.startsWith(ident));
      if (checkBranch !== undefined) candidates = this.filterForLineage(candidates, checkBranch);
      if (candidates.length > 1) {
        throw new RevisionError(
          'E_AMBIGUOUS_REVISION',
          `revision prefix '${ident}' is ambiguous: it matches ${candidates.map((c) => this.describe(c)).join(', ')}`,
          { hint: 'Type more characters of the revision id.' },
        );
      }
      const only = candidates[0];
      if (only === undefined) throw this.unknown(ident);
      node = this.node(only);
    }
    if (branch !== undefined && !this.sharesLineage(node, [branch])) {
      throw new RevisionError('E_NOT_ON_BRANCH', `revision ${this.describe(node.revision)} is not on branch '${checkBranch ?? ''}'`);
    }
    return node;
  }

  /** A branch label, or a revision standing for the branch it is on (`c2@base`). */
  resolveBranch(label: string): RevisionNode<S> {
    const labelled = this.labels.get(label);
    if (labelled !== undefined) return this.node(labelled);
    try {
      return this.revisionForIdent(label);
    } catch (error) {
      throw new RevisionError('E_UNKNOWN_BRANCH', `no branch label or revision '${label}'`, {
        cause: error,
        hint: this.labels.size > 0 ? `Known branch labels: ${[...this.labels.keys()].join(', ')}.` : 'No revision declares a branch label.',
      });
    }
  }

  /** Alembic's _resolve_revision_number: `[label@](head|heads|base|ident)` to ids and a label. */
  resolveSymbol(spec: string): { ids: string[]; branchLabel: string | undefined } {
    const at = spec.indexOf('@');
    const branchLabel = at === -1 ? undefined : spec.slice(0, at);
    if (branchLabel !== undefined) this.resolveBranch(branchLabel);
    const id = spec.slice(at + 1);
    if (id === 'heads') {
      return { ids: branchLabel === undefined ? [...this.realHeads] : this.filterForLineage(this.heads, branchLabel), branchLabel };
    }
    if (id === 'head') {
      const head = this.getCurrentHead(branchLabel);
      return { ids: head === null ? [] : [head], branchLabel };
    }
    if (id === 'base') return { ids: [], branchLabel };
    if (id === '') throw this.unknown(spec);
    return { ids: [id], branchLabel };
  }

  /** The single head (of a branch); several are an E_MULTIPLE_HEADS error. */
  getCurrentHead(branchLabel?: string): string | null {
    const heads = branchLabel === undefined ? this.heads : this.filterForLineage(this.heads, branchLabel);
    if (heads.length > 1) throw this.multipleHeads(heads, branchLabel === undefined ? 'head' : `${branchLabel}@head`);
    return heads[0] ?? null;
  }

  /**
   * Alembic's get_revisions: every revision a spec (or list of specs) names. `base` names
   * none, `heads` the effective heads, `-N` walks down N from each head (of a branch).
   */
  resolveRevisions(spec: string | readonly string[], options: { readonly clamp?: boolean } = {}): RevisionNode<S>[] {
    if (typeof spec !== 'string') return spec.flatMap((s) => this.resolveRevisions(s, options));
    const { ids, branchLabel } = this.resolveSymbol(spec);
    const relative = ids.length === 1 && /^-\d+$/.test(ids[0] as string) ? Number(ids[0]) : undefined;
    if (relative === undefined) return ids.map((id) => this.revisionForIdent(id, branchLabel));
    const heads = this.resolveRevisions('heads').filter((h) => branchLabel === undefined || h.branchLabels.includes(branchLabel));
    return heads.flatMap((head) => {
      const result = walk(this, head, relative, { clamp: options.clamp === true });
      if (result.kind !== 'reached') throw walkError(this, result, spec, head);
      return result.node === null ? [] : [result.node];
    });
  }

  /** Alembic's get_revision: one revision, or null for `base`. */
  resolveRevisionOrBase(spec: string): RevisionNode<S> | null {
    const { ids, branchLabel } = this.resolveSymbol(spec);
    if (ids.length > 1) throw this.multipleHeads(ids, spec);
    const id = ids[0];
    return id === undefined ? null : this.revisionForIdent(id, branchLabel);
  }

  ancestors(revisions: Iterable<string>, options: TraverseOptions = {}): Set<string> {
    const deps = options.includeDependencies !== false;
    return this.related(revisions, (n) => (deps ? n.normalizedDownRevisions : n.downRevisions), options.check === true);
  }

  descendants(revisions: Iterable<string>, options: TraverseOptions = {}): Set<string> {
    const deps = options.includeDependencies !== false;
    return this.related(revisions, (n) => (deps ? n.allNextRevisions : n.nextRevisions), options.check === true);
  }

  /** True when one of `against` is an ancestor or descendant of `target` (or `target` itself). */
  sharesLineage(target: RevisionNode<S>, against: readonly RevisionNode<S>[], includeDependencies = false): boolean {
    if (against.length === 0) return true;
    const options = { includeDependencies };
    const line = new Set([...this.descendants([target.revision], options), ...this.ancestors([target.revision], options)]);
    return against.some((n) => line.has(n.revision));
  }

  /** The revisions among `targets` on the same line as `checkAgainst` (a label, id or symbol). */
  filterForLineage(targets: readonly string[], checkAgainst: string, includeDependencies = false): string[] {
    const { ids, branchLabel } = this.resolveSymbol(checkAgainst);
    const shares = [...(branchLabel === undefined ? [] : [branchLabel]), ...ids].map((s) => this.revisionForIdent(s));
    return targets.filter((t) => this.sharesLineage(this.node(t), shares, includeDependencies));
  }

  /** The branch heads the given current revisions imply, dependencies included (Alembic's _get_all_current). */
  allCurrent(revisions: readonly string[]): string[] {
    const top = new Set([...revisions, ...this.ancestors(revisions)]);
    // `top` holds every ancestor of its members, so a revision with a descendant in it has a
    // child in it: one look at the children per revision instead of a walk.
    return [...top].filter((id) => !this.node(id).nextRevisions.some((child) => top.has(child)));
  }

  multipleHeads(heads: readonly string[], argument: string, hint?: string): RevisionError {
    return new RevisionError(
      'E_MULTIPLE_HEADS',
      `several head revisions are present for '${argument}': ${heads.map((h) => this.describe(h)).join(', ')}`,
      {
        hint:
          hint ??
          'Run `alembic-ts heads` to list them. `alembic-ts upgrade heads` applies every branch, ' +
            '`alembic-ts upgrade <label>@head` one branch, and `alembic-ts merge heads -m "merge"` joins them.',
      },
    );
  }

  private unknown(ident: string): RevisionError {
    const short = ident.length < MIN_PREFIX && !/[@:]/.test(ident);
    return new RevisionError('E_UNKNOWN_REVISION', `no revision or branch label '${ident}'`, {
      hint: short
        ? 'A revision prefix needs at least four characters.'
        : 'Run `alembic-ts history` to list the revisions.',
    });
  }

  /** Depth-first walk along `edges` from each start (Alembic's _iterate_related_revisions). */
  private related(
    starts: Iterable<string>,
    edges: (node: RevisionNode<S>) => readonly string[],
    check: boolean,
  ): Set<string> {
    const startList = [...starts];
    const seen = new Set<string>();
    for (const start of startList) {
      // Only the overlap check needs what each start reaches; on thousands of revisions the
      // walk itself is one Set and no spread per revision.
      const reached = check ? new Set<string>() : undefined;
      const todo = [start];
      while (todo.length > 0) {
        const id = todo.pop() as string;
        reached?.add(id);
        if (seen.has(id)) continue;
        seen.add(id);
        for (const next of edges(this.node(id))) todo.push(next);
      }
      const overlaps = reached === undefined ? [] : startList.filter((other) => other !== start && reached.has(other));
      if (overlaps.length > 0) {
        throw new RevisionError(
          'E_OVERLAPPING_REVISIONS',
          `requested revision ${this.describe(start)} overlaps with ${overlaps.join(', ')}: one is an ancestor of the other`,
          { hint: 'If these are the database\'s current revisions, the version table has a redundant row: fix it with `alembic-ts stamp`.' },
        );
      }
    }
    return seen;
  }
}
