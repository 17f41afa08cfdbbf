/**
 * What the database says about its migrations (version rows and history), and the checks the
 * runner makes on it before anything runs: no revision left half-done outside a transaction,
 * no applied revision file edited or gone.
 */
import type { Connection } from '../dialects/dialect.js';
import type { DialectRuntime, HistoryRow } from '../dialects/dialect-runtime.js';
import { MigrationError } from '../errors.js';
import type { UnfinishedRevision } from './context.js';
import { appliedRevisions, findRevision, type RevisionGraph } from './plan.js';
import type { TrackingTables } from './tracking-tables.js';

export interface DatabaseState {
  readonly heads: readonly string[];
  readonly history: readonly HistoryRow[];
  /** What a revision left half-done left behind (see DialectRuntime.readLeftovers); read only then. */
  readonly leftovers: readonly string[];
}

export async function readDatabaseState(
  conn: Connection,
  runtime: DialectRuntime,
  tables: TrackingTables,
): Promise<DatabaseState> {
  const heads = await runtime.readVersions(conn, tables.version);
  const history = await runtime.readHistory(conn, tables.history);
  const halfDone = history.some((row) => row.status === 'started');
  const leftovers = halfDone && runtime.readLeftovers !== undefined ? await runtime.readLeftovers(conn) : [];
  return { heads: [...heads].sort(), history, leftovers };
}

export function unfinishedRevisions(history: readonly HistoryRow[]): UnfinishedRevision[] {
  return history
    .filter((row) => row.status === 'started')
    .map((row) => ({ revision: row.revision, direction: row.direction === 'down' ? 'down' : 'up', startedAt: row.appliedAt }));
}

/** A revision that began outside a transaction and never finished stops every run until a person looks. */
export function assertNothingUnfinished(state: DatabaseState, graph: RevisionGraph): void {
  const unfinished = unfinishedRevisions(state.history)[0];
  if (unfinished === undefined) return;
  const script = findRevision(graph, unfinished.revision);
  const where = script === undefined ? '' : ` (${script.path})`;
  const before = script === undefined || script.downRevisions.length === 0 ? 'base' : script.downRevisions.join(' ');
  const [done, undone] = unfinished.direction === 'up' ? [unfinished.revision, before] : [before, unfinished.revision];
  throw new MigrationError(
    'E_UNFINISHED_REVISION',
    `the ${unfinished.direction === 'up' ? 'upgrade' : 'downgrade'} of revision ${unfinished.revision}${where} ` +
      'ran outside a transaction and did not finish (the process failed or was stopped, or another run is still in it)' +
      (state.leftovers.length === 0 ? '' : `; it left behind: ${state.leftovers.join('; ')}`),
    {
      hint:
        'check the database by hand and complete or undo the revision; then record the state with ' +
        `\`alembic-ts stamp ${done}\` if it is complete, or \`alembic-ts stamp ${undone}\` if it is undone (and run again to retry)`,
    },
  );
}

export interface ChecksumProblem {
  readonly revision: string;
  readonly path: string | null;
  /** `edited`: the file's checksum differs from the one recorded when it was applied. */
  readonly kind: 'edited' | 'missing';
  readonly recorded: string | null;
  readonly current: string | null;
}

/**
 * The newest recorded checksum per revision: what was in the file when it was applied, or
 * when `stamp` last accepted it.
 */
export function recordedChecksums(history: readonly HistoryRow[]): Map<string, string> {
  const recorded = new Map<string, string>();
  for (const row of history) {
    if (row.direction !== 'down' && row.status === 'finished' && row.checksum !== null) {
      recorded.set(row.revision, row.checksum);
    }
  }
  return recorded;
}

/** Applied revisions (the version rows and their ancestors) whose file changed or is gone. */
export function checksumProblems(state: DatabaseState, graph: RevisionGraph): ChecksumProblem[] {
  const problems: ChecksumProblem[] = [];
  const missing = state.heads.filter((head) => findRevision(graph, head) === undefined);
  for (const revision of missing) {
    problems.push({ revision, path: null, kind: 'missing', recorded: null, current: null });
  }
  if (missing.length > 0) return problems;
  const recorded = recordedChecksums(state.history);
  for (const script of appliedRevisions(graph, state.heads)) {
    const checksum = recorded.get(script.revision);
    if (checksum !== undefined && checksum !== script.checksum) {
      problems.push({ revision: script.revision, path: script.path, kind: 'edited', recorded: checksum, current: script.checksum });
    }
  }
  return problems;
}

export function describeChecksumProblem(problem: ChecksumProblem): string {
  if (problem.kind === 'missing') {
    return `the database is at revision ${problem.revision}, but no revision file has that id`;
  }
  return (
    `revision ${problem.revision} (${problem.path ?? '?'}) was edited after it was applied: ` +
    `checksum when applied ${problem.recorded ?? '?'}, now ${problem.current ?? '?'}`
  );
}

export function assertChecksumsMatch(state: DatabaseState, graph: RevisionGraph): void {
  const problems = checksumProblems(state, graph);
  const first = problems[0];
  if (first === undefined) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1).map((p) => p.revision).join(', ')})` : '';
  throw new MigrationError(
    first.kind === 'missing' ? 'E_REVISION_FILE_MISSING' : 'E_CHECKSUM_MISMATCH',
    `${describeChecksumProblem(first)}${more}; nothing was run`,
    {
      hint:
        first.kind === 'missing'
          ? 'restore the revision file in one of versionLocations (or stamp the database to a revision that exists)'
          : 'restore the file as it was applied; if the edit changes nothing the database needs, accept it with ' +
            `\`alembic-ts stamp ${state.heads.join(' ')}\`, which records the current checksums`,
    },
  );
}
