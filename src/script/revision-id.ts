import { randomBytes } from 'node:crypto';
import { RevisionError } from '../errors.js';
import type { RevisionGraph } from './graph.js';
import type { RevisionInput } from './revision-script.js';

/** Word characters only, so `REV+1` and `label@REV` parse; 32 fits `version_num VARCHAR(32)`. */
const VALID_ID = /^\w{1,32}$/;
const RESERVED = new Set(['head', 'heads', 'base', 'current']);

/** 12 lowercase hex characters, as Alembic's uuid-based ids, that no revision or label uses yet. */
export function generateRevisionId<S extends RevisionInput>(graph: RevisionGraph<S>): string {
  for (;;) {
    const id = randomBytes(6).toString('hex');
    if (!graph.nodes.has(id) && !graph.labels.has(id)) return id;
  }
}

/** A `--rev-id` must be a sane, unused identifier. */
export function validateRevisionId<S extends RevisionInput>(graph: RevisionGraph<S>, id: string): void {
  if (!VALID_ID.test(id) || RESERVED.has(id)) {
    throw new RevisionError('E_INVALID_REVISION_ID', `'${id}' is not a valid revision id`, {
      hint: 'Use 1 to 32 letters, digits or underscores, and not head, heads, base or current.',
    });
  }
  if (graph.nodes.has(id) || graph.labels.has(id)) {
    throw new RevisionError('E_REVISION_ID_COLLISION', `revision id '${id}' is already used by ${graph.describe(graph.nodes.has(id) ? id : (graph.labels.get(id) as string))}`, {
      hint: 'Choose another --rev-id, or leave it out to get a random one.',
    });
  }
}
