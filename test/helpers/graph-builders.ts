/** A revision for graph tests: an id, its down revision(s), and optional labels and dependencies. */
import type { RevisionInput } from '../../src/script/revision-script.js';

export function rev(revision: string, down: string | readonly string[] | null = null, extra: { labels?: string[]; dependsOn?: string[] } = {}): RevisionInput {
  return {
    revision,
    downRevisions: down === null ? [] : typeof down === 'string' ? [down] : down,
    branchLabels: extra.labels ?? [],
    dependsOn: extra.dependsOn ?? [],
    path: `versions/${revision}.ts`,
  };
}
