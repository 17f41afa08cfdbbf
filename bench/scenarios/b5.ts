/**
 * B5: cold start. `--help`, and `current` on an empty project (no revisions; the SQLite
 * file exists after the validation run), beside the bare runtimes (`node -e 0`, and with
 * --vs-alembic `python3 -c pass`), as shared/bench/b5_coldstart.sh does.
 */
import { join } from 'node:path';
import type { BenchContext } from '../context.js';
import { ALEMBIC } from '../harness/alembic-project.js';
import type { DialectName } from '../harness/databases.js';
import { q } from '../harness/shell.js';
import { CLI, PYTHON } from '../paths.js';
import type { Collector } from '../report/collector.js';
import { rowName, type RowBase } from '../report/result.js';
import { alembicChainProject, chainDb, expectCurrent, tsChainProject, type ChainProject } from './chain-project.js';
import { timeGroup, type Planned } from './planned.js';

const RUNS = 20;
const WARMUP = 3;

function startup(ctx: BenchContext): Planned[] {
  const cwd = ctx.workDir('b5');
  const planned: Planned[] = [];
  const add = (base: RowBase, command: string): void => {
    planned.push({ command: { name: rowName(base), command, cwd }, base });
  };
  const common = { scenario: 'b5', dialect: null, size: null, unit: null } as const;
  add({ ...common, tool: 'reference', op: 'node-e0', what: 'node -e 0' }, `${q(process.execPath)} -e 0`);
  add({ ...common, tool: 'alembic-ts', op: 'help', what: '--help' }, `${q(process.execPath)} ${q(CLI)} --help`);
  if (ctx.options.vsAlembic) {
    add({ ...common, tool: 'reference', op: 'python-pass', what: 'python3 -c pass' }, `${PYTHON} -c pass`);
    add({ ...common, tool: 'alembic', op: 'help', what: '--help' }, `${ALEMBIC} --help`);
  }
  return planned;
}

function emptyProject(ctx: BenchContext, project: ChainProject, dialect: DialectName): Planned {
  project.run(['current']);
  expectCurrent(project, null);
  const base = { scenario: 'b5', tool: project.tool, dialect, size: null, unit: null, op: 'current-empty', what: 'current (empty project)' } as const;
  const statements = project.count(['current'], join(ctx.rawDir, `${rowName(base)}.statements.json`));
  return { command: { name: rowName(base), command: project.command('current'), cwd: project.dir }, base: { ...base, statements } };
}

export function runB5(ctx: BenchContext, out: Collector): void {
  timeGroup(ctx, out, 'b5', 'startup', startup(ctx), { runs: RUNS, warmup: WARMUP });
  for (const dialect of ctx.options.dialects) {
    const dir = ctx.workDir('b5', dialect);
    const planned: Planned[] = [];
    const ts = out.attempt('b5', `alembic-ts empty project ${dialect}`, () => {
      const { project } = tsChainProject(join(dir, 'ts'), chainDb(ctx, dialect, join(dir, 'ts'), ctx.databaseName('b5_ts')), null);
      return emptyProject(ctx, project, dialect);
    });
    if (ts !== undefined) planned.push(ts);
    if (ctx.options.vsAlembic) {
      const py = out.attempt('b5', `Alembic empty project ${dialect}`, () => {
        const { project } = alembicChainProject(ctx, join(dir, 'py'), chainDb(ctx, dialect, join(dir, 'py'), ctx.databaseName('b5_py'), 'psycopg2'), null);
        return emptyProject(ctx, project, dialect);
      });
      if (py !== undefined) planned.push(py);
    }
    timeGroup(ctx, out, 'b5', `current ${dialect}`, planned, { runs: RUNS, warmup: WARMUP });
  }
}
