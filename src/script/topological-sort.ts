/**
 * Alembic's RevisionMap._topological_sort: orders revisions newest first, walking down from
 * `heads` one branch at a time, and switching branch only when another head still needs the
 * candidate (so a shared ancestor comes after every branch above it). Ties between branches
 * go by input order, which is why the order matches Alembic's for the same files.
 */
import type { RevisionGraph } from './graph.js';
import type { RevisionInput } from './revision-script.js';

export function topologicalSort<S extends RevisionInput>(
  graph: RevisionGraph<S>,
  revisions: Iterable<string>,
  heads: readonly string[],
): string[] {
  const todo = new Set(revisions);
  const current = [...new Set(heads.filter((h) => todo.has(h)))].sort((a, b) => graph.indexOf(a) - graph.indexOf(b));
  const ancestorsOf = (id: string): Set<string> => graph.ancestors([id]);
  const ancestors = current.map(ancestorsOf);
  const output: string[] = [];
  let index = 0;
  while (current.length > 0) {
    const candidate = current[index] as string;
    const needed = ancestors.findIndex((set, i) => i !== index && set.has(candidate));
    if (needed !== -1) {
      index = needed;
      continue;
    }
    if (todo.delete(candidate)) output.push(candidate);
    const node = graph.node(candidate);
    const next = node.normalizedDownRevisions.filter((r) => todo.has(r) && !current.includes(r));
    if (next.length === 0) {
      current.splice(index, 1);
      ancestors.splice(index, 1);
      index = Math.max(index - 1, 0);
    } else if (node.normalizedDownRevisions.length === 1) {
      current[index] = next[0] as string;
      (ancestors[index] as Set<string>).delete(candidate);
    } else {
      current[index] = next[0] as string;
      ancestors[index] = ancestorsOf(next[0] as string);
      for (const extra of next.slice(1)) {
        current.push(extra);
        ancestors.push(ancestorsOf(extra));
      }
    }
  }
  return output;
}
