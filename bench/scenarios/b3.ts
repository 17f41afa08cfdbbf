/**
 * B3: `upgrade head` from an empty database through a chain of R revisions (a small table
 * every 10th revision, a column added by each of the others), and `downgrade base` back.
 * The database is reset before every run (and upgraded to head, untimed, before each
 * downgrade), as shared/bench/b3_upgrade.sh does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../context.js';
import type { DialectName } from '../harness/databases.js';
import { sh } from '../harness/shell.js';
import type { Collector } from '../report/collector.js';
import { rowName } from '../report/result.js';
import { alembicChainProject, chainDb, expectCurrent, tsChainProject, withConfigFile, type ChainProject, type ChainSetup } from './chain-project.js';
import { timeGroup, type Planned } from './planned.js';

function validate(ctx: BenchContext, project: ChainProject, head: string): void {
  sh(project.reset, { env: ctx.env });
  project.run(['upgrade', 'head']);
  expectCurrent(project, head);
  project.run(['downgrade', 'base']);
  expectCurrent(project, null);
}

/** The timed upgrade and downgrade of one project (or config variant), with their statement counts. */
function plan(ctx: BenchContext, project: ChainProject, dialect: DialectName, r: number, variant: Variant): Planned[] {
  const common = { scenario: 'b3', tool: project.tool, dialect, size: r, unit: 'revisions' } as const;
  const upgrade = { ...common, op: `upgrade${variant.suffix}`, alembicOp: 'upgrade', what: `upgrade head (from empty)${variant.what}` };
  const downgrade = { ...common, op: `downgrade${variant.suffix}`, alembicOp: 'downgrade', what: `downgrade base (from head)${variant.what}` };
  sh(project.reset, { env: ctx.env });
  const upgradeCount = project.count(['upgrade', 'head'], join(ctx.rawDir, `${rowName(upgrade)}.statements.json`));
  const downgradeCount = project.count(['downgrade', 'base'], join(ctx.rawDir, `${rowName(downgrade)}.statements.json`));
  return [
    {
      command: { name: rowName(upgrade), command: project.command('upgrade head'), cwd: project.dir, prepare: project.reset },
      base: { ...upgrade, statements: upgradeCount },
    },
    {
      command: {
        name: rowName(downgrade),
        command: project.command('downgrade base'),
        cwd: project.dir,
        prepare: `${project.reset} && ${project.command('upgrade head')} >/dev/null 2>&1`,
      },
      base: { ...downgrade, statements: downgradeCount },
    },
  ];
}

interface Variant {
  readonly suffix: string;
  readonly what: string;
}

const DEFAULT: Variant = { suffix: '', what: '' };
/**
 * alembic-ts commits each revision on its own by default (`transactionPerMigration: true`);
 * Alembic's generic template runs the whole upgrade in one transaction. This variant gives
 * alembic-ts Alembic's setting, so the pair compares the same work.
 */
const ONE_TRANSACTION: Variant = { suffix: '-1tx', what: ', one transaction' };
const ONE_TRANSACTION_CONFIG = 'alembic.one-transaction.json';

function b3Case(ctx: BenchContext, out: Collector, dialect: DialectName, r: number): void {
  const label = `${dialect} r=${r}`;
  const dir = ctx.workDir('b3', `${dialect}-r${r}`);
  const chain = { kind: 'ops', count: r } as const;
  const projects: ChainSetup[] = [];
  const ts = out.attempt('b3', `alembic-ts setup ${label}`, () =>
    tsChainProject(join(dir, 'ts'), chainDb(ctx, dialect, join(dir, 'ts'), ctx.databaseName(`b3_ts_r${r}`)), chain),
  );
  if (ts !== undefined) projects.push(ts);
  if (ctx.options.vsAlembic) {
    const py = out.attempt('b3', `Alembic setup ${label}`, () =>
      alembicChainProject(ctx, join(dir, 'py'), chainDb(ctx, dialect, join(dir, 'py'), ctx.databaseName(`b3_py_r${r}`), 'psycopg2'), chain),
    );
    if (py !== undefined) projects.push(py);
  }
  const planned: Planned[] = [];
  for (const { project, head } of projects) {
    ctx.log(`b3 ${label}: ${project.tool} validation (upgrade, current, downgrade, current) and statement counts`);
    const steps = out.attempt('b3', `${project.tool} upgrade/downgrade ${label}`, () => {
      validate(ctx, project, head!);
      const own = plan(ctx, project, dialect, r, DEFAULT);
      if (project.tool !== 'alembic-ts') return own;
      const config = JSON.parse(readFileSync(join(project.dir, 'alembic.config.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(project.dir, ONE_TRANSACTION_CONFIG), JSON.stringify({ ...config, transactionPerMigration: false }, null, 2));
      return [...own, ...plan(ctx, withConfigFile(project, ONE_TRANSACTION_CONFIG), dialect, r, ONE_TRANSACTION)];
    });
    planned.push(...(steps ?? []));
  }
  const runs = r >= 1000 ? 5 : 10;
  for (const op of ['upgrade', 'downgrade']) {
    timeGroup(ctx, out, 'b3', `${op} ${label}`, planned.filter((p) => p.base.alembicOp === op), { runs, warmup: 1 });
  }
}

export function runB3(ctx: BenchContext, out: Collector): void {
  for (const r of ctx.options.upgradeRevisions) for (const dialect of ctx.options.dialects) b3Case(ctx, out, dialect, r);
}
