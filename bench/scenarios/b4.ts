/**
 * B4: commands over many revision files. A chain of R trivial revisions with the database
 * already at head: `heads` and `history` (no database; timed once, on the first dialect's
 * project), then `current` and a no-op `upgrade head` per dialect, with peak RSS. As
 * shared/bench/b4_startup.sh, without its Python-only `.pyc` cold row.
 */
import { join } from 'node:path';
import type { BenchContext } from '../context.js';
import type { DialectName } from '../harness/databases.js';
import { sh } from '../harness/shell.js';
import type { Collector } from '../report/collector.js';
import { rowName, type RowBase } from '../report/result.js';
import { alembicChainProject, chainDb, expectCurrent, tsChainProject, type ChainProject, type ChainSetup } from './chain-project.js';
import { timeGroup, type Planned } from './planned.js';

function plan(ctx: BenchContext, project: ChainProject, head: string, dialect: DialectName, r: number, withGraph: boolean): Planned[] {
  sh(project.reset, { env: ctx.env });
  project.run(['upgrade', 'head']);
  expectCurrent(project, head);
  const heads = project.run(['heads']).stdout;
  if (!heads.includes(head)) throw new Error(`${project.tool} heads: expected ${head}, got:\n${heads.trim()}`);
  const common = { scenario: 'b4', tool: project.tool, size: r, unit: 'revisions' } as const;
  const planned: Planned[] = [];
  const add = (base: RowBase, args: string, shell = project.command(args)): void => {
    planned.push({ command: { name: rowName(base), command: shell, cwd: project.dir }, base });
  };
  if (withGraph) {
    add({ ...common, dialect: null, op: 'heads', what: 'heads' }, 'heads');
    add({ ...common, dialect: null, op: 'history', what: 'history | wc -l' }, 'history', `${project.command('history')} | wc -l`);
  }
  for (const [op, args, what] of [
    ['current', 'current', 'current (at head)'],
    ['upgrade-noop', 'upgrade head', 'upgrade head (no-op, at head)'],
  ] as const) {
    const base = { ...common, dialect, op, what };
    const statements = project.count(args.split(' '), join(ctx.rawDir, `${rowName(base)}.statements.json`));
    add({ ...base, statements }, args);
  }
  return planned;
}

function b4Case(ctx: BenchContext, out: Collector, dialect: DialectName, r: number): void {
  const label = `${dialect} r=${r}`;
  const dir = ctx.workDir('b4', `${dialect}-r${r}`);
  const withGraph = dialect === ctx.options.dialects[0];
  const chain = { kind: 'trivial', count: r } as const;
  const projects: ChainSetup[] = [];
  const ts = out.attempt('b4', `alembic-ts setup ${label}`, () =>
    tsChainProject(join(dir, 'ts'), chainDb(ctx, dialect, join(dir, 'ts'), ctx.databaseName(`b4_ts_r${r}`)), chain),
  );
  if (ts !== undefined) projects.push(ts);
  if (ctx.options.vsAlembic) {
    const py = out.attempt('b4', `Alembic setup ${label}`, () =>
      alembicChainProject(ctx, join(dir, 'py'), chainDb(ctx, dialect, join(dir, 'py'), ctx.databaseName(`b4_py_r${r}`), 'psycopg2'), chain),
    );
    if (py !== undefined) projects.push(py);
  }
  const planned: Planned[] = [];
  for (const { project, head } of projects) {
    ctx.log(`b4 ${label}: ${project.tool} upgrade to head, validation and statement counts`);
    planned.push(...(out.attempt('b4', `${project.tool} ${label}`, () => plan(ctx, project, head!, dialect, r, withGraph)) ?? []));
  }
  // Both tools' runs of one command back to back: the pairs see the same machine state.
  const ordered = [...planned].sort((a, b) => planned.findIndex((p) => p.base.op === a.base.op) - planned.findIndex((p) => p.base.op === b.base.op));
  timeGroup(ctx, out, 'b4', label, ordered, { runs: r >= 5000 ? 5 : 10, warmup: 1 });
}

export function runB4(ctx: BenchContext, out: Collector): void {
  for (const r of ctx.options.trivialRevisions) for (const dialect of ctx.options.dialects) b4Case(ctx, out, dialect, r);
}
