/**
 * What the TypeScript types promise, checked at run time for callers from plain JavaScript:
 * a missing or mistyped argument is a usage error (exit code 2, as the CLI's), not a
 * TypeError from deep inside the runner.
 */
import { AlembicError } from '../errors.js';

function usage(fn: string, message: string, hint: string): AlembicError {
  return new AlembicError('E_API_ARGUMENT', `${fn}: ${message}`, { exitCode: 2, hint });
}

/** The target of `downgrade` (required, as on the CLI). */
export function requiredTarget(fn: string, target: unknown): string {
  if (typeof target === 'string' && target.trim() !== '') return target;
  throw usage(fn, 'option "target" is required', `e.g. ${fn}({ target: '-1' }), or 'base', or a revision id`);
}

/** `stamp`'s and `merge`'s revisions: one id (as Alembic's `command.stamp` takes) or a list. */
export function revisionList(fn: string, revisions: unknown): readonly string[] {
  const list: readonly unknown[] = typeof revisions === 'string' ? [revisions] : Array.isArray(revisions) ? revisions : [];
  if (list.length > 0 && list.every((r) => typeof r === 'string' && r.trim() !== '')) return list as readonly string[];
  throw usage(fn, 'option "revisions" must be a revision id or a non-empty list of them', `e.g. ${fn}({ revisions: ['head'] })`);
}
