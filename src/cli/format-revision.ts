/**
 * Revision lines in Alembic's formats (script/base.py `_head_only` and `log_entry`), so users
 * and their scripts read the same text: `1975ea83b712 -> ae1027a6acf (branch) (head), add a column`.
 */
import type { RevisionInfo } from '../api/inspect-graph.js';

const list = (ids: readonly string[]): string => (ids.length === 0 ? '<base>' : ids.join(', '));

export interface LineOptions {
  readonly parents?: boolean;
  readonly branches?: boolean;
  readonly doc?: boolean;
  /** `(branchpoint)` and `(mergepoint)`; on by default, off for `heads`. */
  readonly tree?: boolean;
}

export function revisionLine(info: RevisionInfo, options: LineOptions = {}): string {
  let text = info.revision;
  if (options.parents) {
    const deps = info.dependsOn.length > 0 ? ` (${info.dependsOn.join(', ')})` : '';
    text = `${list(info.downRevisions)}${deps} -> ${info.revision}`;
  }
  if (options.branches && info.branchLabels.length > 0) text += ` (${info.branchLabels.join(', ')})`;
  if (info.isHead) text += ' (head)';
  if (info.isEffectiveHead) text += ' (effective head)';
  if (info.isCurrent) text += ' (current)';
  if (options.tree !== false) {
    if (info.isBranchPoint) text += ' (branchpoint)';
    if (info.isMergePoint) text += ' (mergepoint)';
  }
  if (options.doc) text += `, ${info.message}`;
  return text;
}

export function revisionBlock(info: RevisionInfo): string {
  const head = info.isHead || info.isEffectiveHead;
  const flags = `${head ? ' (head)' : ''}${info.isBranchPoint ? ' (branchpoint)' : ''}${info.isMergePoint ? ' (mergepoint)' : ''}${info.isCurrent ? ' (current)' : ''}`;
  const lines = [`Rev: ${info.revision}${flags}`];
  lines.push(info.isMergePoint ? `Merges: ${list(info.downRevisions)}` : `Parent: ${list(info.downRevisions)}`);
  if (info.dependsOn.length > 0) lines.push(`Also depends on: ${info.dependsOn.join(', ')}`);
  if (info.isBranchPoint) lines.push(`Branches into: ${info.nextRevisions.join(', ')}`);
  if (info.branchLabels.length > 0) lines.push(`Branch names: ${info.branchLabels.join(', ')}`);
  lines.push(`Path: ${info.path}`, '', `    ${info.message}`, '', `    Revision ID: ${info.revision}`);
  lines.push(`    Revises: ${info.downRevisions.join(', ')}`);
  if (info.createDate) lines.push(`    Create Date: ${info.createDate}`);
  return lines.join('\n') + '\n';
}
