/**
 * Offline mode (`--sql`): the statements an online run would execute, as one SQL script,
 * without connecting. The schema a step's compile may need comes from replaying the ops of
 * every earlier revision onto an empty snapshot instead of from introspection.
 */
import type { Dialect, Statement } from '../dialects/dialect.js';
import type { DialectRuntime } from '../dialects/dialect-runtime.js';
import { loadDialect } from '../dialects/registry.js';
import { ConfigError } from '../errors.js';
import { splitRevisionRange } from '../script/plan.js';
import { applyOps } from '../snapshot/apply-ops.js';
import type { SchemaSnapshot } from '../snapshot/types.js';
import { compileStep, runsInTransaction, type CompiledStep } from './compile-step.js';
import { loadStep, RevisionModules } from './load-step.js';
import type { RunContext } from './context.js';
import { appliedRevisions, planDowngrade, planStamp, planUpgrade, type PlannedStep } from './plan.js';
import { sameSettings, settingsOf, type SessionSetting } from './session-settings.js';
import { stepEnds } from './step-info.js';
import type { StampOptions } from './stamp.js';
import { createTrackingTables, historyStatement, versionStatements } from './tracking-statements.js';
import { trackingTables, type TrackingTables } from './tracking-tables.js';

/** Collects the script; mirrors the order of an online run statement for statement. */
class ScriptWriter {
  private readonly parts: string[] = [];
  private created = false;

  constructor(
    private readonly runtime: DialectRuntime,
    private readonly tables: TrackingTables,
  ) {}

  comment(text: string): void {
    this.parts.push(`-- ${text}\n\n`);
  }

  statement(statement: Statement): void {
    // A script run by hand does not stop on rows from a check query: say what they mean.
    if (statement.assertNoRows !== undefined) this.comment(`any row from the next query means: ${statement.assertNoRows}`);
    const text = this.runtime.inlineParams(statement).trimEnd();
    this.parts.push(`${text}${text.endsWith(';') ? '' : ';'}\n\n`);
  }

  statements(statements: readonly Statement[]): void {
    for (const statement of statements) this.statement(statement);
  }

  /** BEGIN, and the tracking tables in the run's first transaction (as online). */
  begin(): void {
    this.statement(this.runtime.begin());
    if (!this.created) this.statements(createTrackingTables(this.runtime, this.tables));
    this.created = true;
  }

  commit(): void {
    this.statement(this.runtime.commit());
  }

  applySettings(settings: readonly SessionSetting[]): void {
    for (const { name, value } of settings) this.statement(this.runtime.setSessionSetting(name, value));
  }

  /** Offline cannot read the previous value: the connection default is put back. */
  restoreSettings(settings: readonly SessionSetting[]): void {
    for (const { name } of settings) {
      const value = this.runtime.defaultSessionSetting(name);
      if (value !== null) this.statement(this.runtime.setSessionSetting(name, value));
    }
  }

  toString(): string {
    return this.parts.join('');
  }
}

interface Offline {
  readonly ctx: RunContext;
  readonly dialect: Dialect;
  readonly runtime: DialectRuntime;
  readonly tables: TrackingTables;
}

async function offline(ctx: RunContext): Promise<Offline> {
  const { dialect, runtime } = await loadDialect(ctx.url.dialect);
  return { ctx, dialect, runtime, tables: trackingTables(ctx.config, dialect) };
}

/** `FROM:TO` → [FROM, TO]; without a colon, the range starts at base. */
function range(spec: string, command: string, fromRequired: boolean): [string | undefined, string | undefined] {
  if (!spec.includes(':')) {
    if (!fromRequired) return [undefined, spec];
    throw new ConfigError('E_OFFLINE_RANGE', `${command} --sql needs a range FROM:TO, got '${spec}'`, {
      hint: `offline mode cannot read the database's current revision: give it, e.g. ${command} --sql head:base`,
    });
  }
  const { from, to } = splitRevisionRange(spec);
  return [from, to];
}

function replayOptions(dialect: Dialect): Parameters<typeof applyOps>[2] {
  return { quoteIdentifier: (name) => dialect.quoteIdentifier(name), skipUnknownTables: true };
}

/** The schema after upgrading from base to `from`, and the version rows it leaves. */
async function replayTo(o: Offline, from: string | undefined): Promise<{ snapshot: SchemaSnapshot; heads: readonly string[] }> {
  let snapshot: SchemaSnapshot = { dialect: o.dialect.name, tables: [], enums: [] };
  let heads: readonly string[] = [];
  const plan = planUpgrade(o.ctx.graph, [], from ?? 'base');
  const modules = new RevisionModules(plan);
  for (const [position, step] of plan.entries()) {
    const loaded = await loadStep(step, o.dialect, o.ctx.x ?? {}, modules.module(position));
    snapshot = applyOps(snapshot, loaded.ops, replayOptions(o.dialect));
    heads = step.headsAfter;
  }
  return { snapshot, heads };
}

function writeStep(o: Offline, out: ScriptWriter, compiled: CompiledStep): void {
  const { step } = compiled;
  const { from, to } = stepEnds(step);
  const running = `Running ${step.direction === 'up' ? 'upgrade' : 'downgrade'} ${from.join(', ')} -> ${to.join(', ')}`;
  out.comment(step.script.message === '' ? running : `${running}, ${step.script.message}`);
  if (!runsInTransaction(compiled)) {
    out.statement(historyStatement(o.runtime, o.tables, step, 'started', null));
    out.commit();
    out.statements(compiled.statements);
    out.begin();
    out.statements(versionStatements(o.runtime, o.tables, step.versionChange));
    out.statement(o.runtime.finishHistory(o.tables.history, step.revision, null));
    return;
  }
  out.statements(compiled.statements);
  out.statements(versionStatements(o.runtime, o.tables, step.versionChange));
  out.statement(historyStatement(o.runtime, o.tables, step, 'finished', null));
}

async function writeSteps(o: Offline, plan: readonly PlannedStep[], start: SchemaSnapshot): Promise<string> {
  const out = new ScriptWriter(o.runtime, o.tables);
  const perRevision = o.ctx.config.transactionPerMigration;
  let snapshot = start;
  let open: readonly SessionSetting[] | null = null;
  const modules = new RevisionModules(plan);
  for (const [position, step] of plan.entries()) {
    const loaded = await loadStep(step, o.dialect, o.ctx.x ?? {}, modules.module(position));
    const compiled = await compileStep(loaded, o.dialect, () => ({ before: snapshot }), { online: false });
    snapshot = applyOps(snapshot, loaded.ops, replayOptions(o.dialect));
    const settings = settingsOf(compiled.preview);
    const alone = !runsInTransaction(compiled) || perRevision;
    if (open !== null && (alone || !sameSettings(open, settings))) {
      out.commit();
      out.restoreSettings(open);
      open = null;
    }
    if (open === null) {
      out.applySettings(settings);
      out.begin();
      open = settings;
    }
    writeStep(o, out, compiled);
    if (alone) {
      out.commit();
      out.restoreSettings(settings);
      open = null;
    }
  }
  if (open !== null) {
    out.commit();
    out.restoreSettings(open);
  }
  return out.toString();
}

/** `target`: as for `upgrade`, or `FROM:TO`. */
export async function upgradeSql(ctx: RunContext, target = 'head'): Promise<string> {
  const o = await offline(ctx);
  const [from, to] = range(target, 'upgrade', false);
  const start = await replayTo(o, from);
  return writeSteps(o, planUpgrade(ctx.graph, start.heads, to ?? 'head'), start.snapshot);
}

/** `range`: `FROM:TO`, since the current revision cannot be read offline. */
export async function downgradeSql(ctx: RunContext, spec: string): Promise<string> {
  const o = await offline(ctx);
  const [from, to] = range(spec, 'downgrade', true);
  const start = await replayTo(o, from);
  return writeSteps(o, planDowngrade(ctx.graph, start.heads, to ?? 'base'), start.snapshot);
}

/** `targets`: as for `stamp`; a single `FROM:TO` stamps from FROM instead of from base. */
export async function stampSql(ctx: RunContext, targets: readonly string[], options: StampOptions = {}): Promise<string> {
  const o = await offline(ctx);
  const [from, to] = targets.length === 1 ? range(targets[0]!, 'stamp', false) : [undefined, undefined];
  const start = options.purge === true ? [] : (await replayTo(o, from)).heads;
  const plan = planStamp(ctx.graph, start, to === undefined ? targets : [to], { purge: options.purge === true });
  const before = new Set(appliedRevisions(ctx.graph, start).map((s) => s.revision));
  const out = new ScriptWriter(o.runtime, o.tables);
  out.begin();
  if (plan.purge) out.statement(o.runtime.deleteAllVersions(o.tables.version));
  for (const change of plan.changes) out.statements(versionStatements(o.runtime, o.tables, change));
  for (const script of appliedRevisions(ctx.graph, plan.headsAfter)) {
    if (before.has(script.revision)) continue;
    out.statement(
      o.runtime.insertHistory(o.tables.history, {
        revision: script.revision,
        direction: 'stamp',
        checksum: script.checksum,
        durationMs: null,
        status: 'finished',
      }),
    );
  }
  out.statement(o.runtime.resolveStartedHistory(o.tables.history));
  out.commit();
  return out.toString();
}
