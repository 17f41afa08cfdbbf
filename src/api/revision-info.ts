import type { RevisionNode } from '../script/graph-build.js';
import type { RevisionScript } from '../script/revision-script.js';

/** One revision as the graph commands report it: plain data, printed as text or JSON. */
export interface RevisionInfo {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly dependsOn: readonly string[];
  readonly branchLabels: readonly string[];
  readonly message: string;
  readonly path: string;
  readonly createDate: string | null;
  /** Nothing names this revision, not even as a dependency (Alembic's real head). */
  readonly isHead: boolean;
  /** A head that another revision depends on (Alembic prints "(effective head)"). */
  readonly isEffectiveHead: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
  readonly nextRevisions: readonly string[];
  /** Set by `history -i` and `current`. */
  readonly isCurrent: boolean;
}

export function revisionInfo(node: RevisionNode<RevisionScript>, currentHeads: readonly string[] = []): RevisionInfo {
  return {
    revision: node.revision,
    downRevisions: node.downRevisions,
    dependsOn: node.dependsOn,
    branchLabels: node.branchLabels,
    message: node.script.message,
    path: node.script.path,
    createDate: node.script.createDate,
    isHead: node.isRealHead,
    isEffectiveHead: node.isHead && !node.isRealHead,
    isBranchPoint: node.isBranchPoint,
    isMergePoint: node.isMergePoint,
    nextRevisions: node.nextRevisions,
    isCurrent: currentHeads.includes(node.revision),
  };
}

