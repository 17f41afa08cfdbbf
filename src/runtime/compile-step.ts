/**
 * A step's ops to statements. Nothing touches the database here except the introspection
 * `compile` may need.
 */
import type { CompileContext, Dialect, Statement, StoredObject } from '../dialects/dialect.js';
import { AlembicError, MigrationError } from '../errors.js';
import type { Op } from '../operations/ops.js';
import type { SchemaSnapshot } from '../snapshot/types.js';
import type { PlannedStep } from './plan.js';
import type { LoadedStep } from './load-step.js';
import { describeOwner } from './run-statement.js';
import { ownerOf } from './step-info.js';

export interface CompiledStep extends LoadedStep {
  /** The statements of the ops up to the first `execute` included (of all of them, offline). */
  readonly statements: readonly Statement[];
  /** The ops after it, cut after each further `execute`: compiled once what precedes them ran. */
  readonly later: readonly (readonly Op[])[];
  /**
   * All ops compiled up front, against the database before the step: what decides, before
   * BEGIN, whether the step runs in a transaction and which session settings it needs.
   */
  readonly preview: readonly Statement[];
}

/** Thrown by a context that holds less than compile asked for: a fuller one is then read. */
export class SnapshotNeeded extends Error {}

/**
 * `full`: what a first context could not answer was asked for (the runner's first context
 * may carry a replayed schema and no stored objects).
 */
export type ContextReader = (full: boolean) => Promise<CompileContext> | CompileContext;

/** Also when the dialect wrapped it in an error of its own. */
function isSnapshotNeeded(error: unknown): boolean {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if (e instanceof SnapshotNeeded) return true;
  }
  return false;
}

/**
 * A compile error names the step, as a failing statement does: a rebuild on SQLite finds a
 * missing constraint or column while compiling, where PostgreSQL would find it running.
 */
function compileError(step: PlannedStep, error: unknown): AlembicError {
  const owner = describeOwner(ownerOf(step));
  if (error instanceof AlembicError) {
    if (error.message.includes(owner)) return error;
    return new MigrationError(error.code, `${owner} failed: ${error.message}`, { cause: error, ...(error.hint === undefined ? {} : { hint: error.hint }) });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new MigrationError('E_COMPILE', `cannot compile the ${owner}: ${reason}`, { cause: error });
}

/**
 * Compile is pure, so it is first given a context that cannot be read: only when it reads it
 * is the context fetched (introspection online, a replay offline) and the compile run again.
 * Most steps (create a table, add a column) never need it, and skipping the catalog queries
 * is what keeps a long chain fast.
 */
export async function compileOps(
  step: PlannedStep,
  ops: readonly Op[],
  dialect: Dialect,
  context: ContextReader,
): Promise<Statement[]> {
  const unread: CompileContext = {
    get before(): SchemaSnapshot {
      throw new SnapshotNeeded('compile reads the schema');
    },
    get storedObjects(): readonly StoredObject[] {
      throw new SnapshotNeeded('compile reads the stored objects');
    },
  };
  try {
    return dialect.compile(ops, unread);
  } catch (error: unknown) {
    if (!isSnapshotNeeded(error)) throw compileError(step, error);
  }
  const read = await context(false);
  try {
    return dialect.compile(ops, read);
  } catch (error: unknown) {
    if (!isSnapshotNeeded(error)) throw compileError(step, error);
  }
  const full = await context(true);
  try {
    return dialect.compile(ops, full);
  } catch (error: unknown) {
    throw compileError(step, error);
  }
}

/** The ops cut after each `execute`: [..., execute], [..., execute], [rest]. */
function splitAfterExecutes(ops: readonly Op[]): Op[][] {
  const segments: Op[][] = [[]];
  for (const op of ops) {
    segments[segments.length - 1]!.push(op);
    if (op.kind === 'execute') segments.push([]);
  }
  return segments.filter((segment) => segment.length > 0);
}

/**
 * Online, what follows an `execute` is compiled only after that SQL ran (`later`), against
 * the database as it left it: raw SQL may create the very table or type the next op changes.
 * Offline there is nothing to read, and the whole step compiles at once.
 */
export async function compileStep(
  loaded: LoadedStep,
  dialect: Dialect,
  context: ContextReader,
  options: { readonly online: boolean },
): Promise<CompiledStep> {
  const [first = [], ...later] = options.online ? splitAfterExecutes(loaded.ops) : [loaded.ops];
  const statements = await compileOps(loaded.step, first, dialect, context);
  if (later.length === 0) return { ...loaded, statements, later, preview: statements };
  // Ops that only fit once the SQL before them ran (on a table it creates) cannot be previewed;
  // the first part must then tell alone, and the later parts are checked when they compile.
  const preview = await compileOps(loaded.step, loaded.ops, dialect, context).catch(() => statements);
  return { ...loaded, statements, later, preview };
}

/** Outside a transaction: the revision asked for it, or a statement cannot run inside one. */
export function runsInTransaction(compiled: CompiledStep): boolean {
  return compiled.transactional && compiled.preview.every((statement) => statement.transactional);
}
