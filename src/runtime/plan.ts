/**
 * The runner's view of the revision graph (src/script/): the planned steps, each with the
 * revision file it runs, and what each does to the version table's rows.
 */
import type { RevisionGraph } from '../script/graph.js';
import { planDowngrade as planDowngradeSteps, planUpgrade as planUpgradeSteps, type MigrationStep } from '../script/plan.js';
import type { RevisionScript } from '../script/revision-script.js';

export type { RevisionGraph } from '../script/graph.js';
export type { VersionChange } from '../script/version-change.js';
export { applyVersionChange, versionRowOps } from '../script/version-change.js';
export { planStamp } from '../script/plan-stamp.js';

export interface PlannedStep extends MigrationStep {
  readonly script: RevisionScript;
}

function withScripts(graph: RevisionGraph, steps: readonly MigrationStep[]): PlannedStep[] {
  return steps.map((step) => ({ ...step, script: graph.node(step.revision).script }));
}

export function planUpgrade(graph: RevisionGraph, heads: readonly string[], target: string): PlannedStep[] {
  return withScripts(graph, planUpgradeSteps(graph, heads, target));
}

export function planDowngrade(graph: RevisionGraph, heads: readonly string[], target: string): PlannedStep[] {
  return withScripts(graph, planDowngradeSteps(graph, heads, target));
}

export function sameHeads(a: readonly string[], b: readonly string[]): boolean {
  const sorted = [...b].sort();
  return a.length === b.length && [...a].sort().every((v, i) => v === sorted[i]);
}

export function findRevision(graph: RevisionGraph, id: string): RevisionScript | undefined {
  return graph.nodes.get(id)?.script;
}

/** The version rows and everything below them, dependencies included: what is applied. */
export function appliedRevisions(graph: RevisionGraph, heads: readonly string[]): RevisionScript[] {
  return [...graph.ancestors(heads)].map((id) => graph.node(id).script);
}
