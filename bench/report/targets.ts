/**
 * The issue's performance targets, each checked against this run's rows. A target whose
 * size was not run is checked at the nearest size run, and says so; one that needs rows
 * this run did not make (Alembic without --vs-alembic) is n/a.
 */
import type { DialectName } from '../harness/databases.js';
import type { BenchOptions } from '../options.js';
import type { Row, ScenarioId, Tool } from './result.js';
import { formatMs } from './format.js';

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly result: 'pass' | 'miss' | 'n/a';
}

interface Query {
  readonly scenario: ScenarioId;
  readonly tool: Tool;
  readonly op: string;
  readonly dialect: DialectName | null;
  readonly size: number | null;
}

const find = (rows: readonly Row[], query: Query): Row | undefined =>
  rows.find((r) => r.scenario === query.scenario && r.tool === query.tool && r.op === query.op && r.dialect === query.dialect && r.size === query.size);

/** The target size when it was run, else the largest size run (marked in the text). */
function pick(sizes: readonly number[], target: number): { size: number; note: string } {
  if (sizes.includes(target)) return { size: target, note: '' };
  const size = Math.max(...sizes);
  return { size, note: ` (at ${size}; the target is for ${target})` };
}

const ratioText = (ratio: number): string => `${ratio.toFixed(1)}×`;

function verdict(ok: boolean): 'pass' | 'miss' {
  return ok ? 'pass' : 'miss';
}

const NO_ALEMBIC = 'n/a (run with --vs-alembic)';

function speedup(rows: readonly Row[], ours: Query, alembicOp: string, goal: number, target: string): TargetCheck {
  const mine = find(rows, ours);
  const theirs = find(rows, { ...ours, tool: 'alembic', op: alembicOp });
  if (mine === undefined) return { target, measured: 'not measured', result: 'n/a' };
  if (theirs === undefined) return { target, measured: `alembic-ts ${formatMs(mine.medianMs)}; ${NO_ALEMBIC}`, result: 'n/a' };
  const ratio = theirs.medianMs / mine.medianMs;
  return {
    target,
    measured: `${ratioText(ratio)} (Alembic ${formatMs(theirs.medianMs)}, alembic-ts ${formatMs(mine.medianMs)})`,
    result: verdict(ratio >= goal),
  };
}

function b1Targets(rows: readonly Row[], options: BenchOptions): TargetCheck[] {
  const out: TargetCheck[] = [];
  const { size, note } = pick(options.tables, 500);
  for (const dialect of options.dialects) {
    const goal = dialect === 'pg' ? 15 : 25;
    for (const op of ['check', 'autogenerate']) {
      const what = op === 'check' ? '`check`' : '`revision --autogenerate`';
      out.push(
        speedup(rows, { scenario: 'b1', tool: 'alembic-ts', op, dialect, size }, 'autogenerate', goal,
          `B1 ${dialect} ${size} tables: ${what} ≥${goal}× faster than Alembic's autogenerate${note}`),
      );
    }
    const compare = find(rows, { scenario: 'b1', tool: 'alembic-ts', op: 'compare', dialect, size });
    const floor = find(rows, { scenario: 'b2', tool: 'reference', op: 'catalog-inproc', dialect, size });
    const target = `B1 ${dialect} ${size} tables: in-process introspect + compare ≤1.5× the B2 bulk-query floor${note}`;
    if (compare === undefined || floor === undefined) {
      out.push({ target, measured: 'n/a (needs B1 and B2 at this size)', result: 'n/a' });
    } else {
      const ratio = compare.medianMs / floor.medianMs;
      out.push({
        target,
        measured: `${ratioText(ratio)} (compare ${formatMs(compare.medianMs)}, floor ${formatMs(floor.medianMs)})`,
        result: verdict(ratio <= 1.5),
      });
    }
    const counts = options.tables
      .map((n) => find(rows, { scenario: 'b1', tool: 'alembic-ts', op: 'check', dialect, size: n }))
      .filter((r): r is Row => r?.statements !== null && r !== undefined);
    const statementsTarget = `B1 ${dialect}: \`check\` statement count does not grow with the table count`;
    if (counts.length < 2) {
      out.push({ target: statementsTarget, measured: counts.length === 1 ? `${counts[0]!.statements} (one size only)` : 'not measured', result: 'n/a' });
    } else {
      const text = counts.map((r) => `${r.statements} at ${r.size}`).join(', ');
      out.push({ target: statementsTarget, measured: text, result: verdict(counts.every((r) => r.statements === counts[0]!.statements)) });
    }
  }
  return out;
}

const B3_OPS = [
  { op: 'upgrade', alembicOp: 'upgrade', what: '`upgrade head`' },
  { op: 'upgrade-1tx', alembicOp: 'upgrade', what: '`upgrade head` (one transaction, as Alembic)' },
  { op: 'downgrade', alembicOp: 'downgrade', what: '`downgrade base`' },
  { op: 'downgrade-1tx', alembicOp: 'downgrade', what: '`downgrade base` (one transaction, as Alembic)' },
];

function b3Targets(rows: readonly Row[], options: BenchOptions): TargetCheck[] {
  return options.dialects.flatMap((dialect) =>
    options.upgradeRevisions.flatMap((size) =>
      B3_OPS.map(({ op, alembicOp, what }) =>
        speedup(rows, { scenario: 'b3', tool: 'alembic-ts', op, dialect, size }, alembicOp, 5,
          `B3 ${dialect} ${size} revisions: ${what} ≥5× faster per revision`),
      ),
    ),
  );
}

function b4Targets(rows: readonly Row[], options: BenchOptions): TargetCheck[] {
  const { size, note } = pick(options.trivialRevisions, 5000);
  const out = options.dialects.map((dialect) =>
    speedup(rows, { scenario: 'b4', tool: 'alembic-ts', op: 'current', dialect, size }, 'current', 40,
      `B4 ${dialect} ${size} revisions: \`current\` ≥40× faster${note}`),
  );
  out.push(
    speedup(rows, { scenario: 'b4', tool: 'alembic-ts', op: 'heads', dialect: null, size }, 'heads', 8,
      `B4 ${size} revisions: \`heads\` ≥8× faster${note}`),
  );
  const ours = rows.filter((r) => r.scenario === 'b4' && r.tool === 'alembic-ts' && r.size === size && r.peakRssKb !== null);
  const target = `B4 ${size} revisions: peak RSS ≤80 MB for every command${note}`;
  if (ours.length === 0) {
    out.push({ target, measured: 'not measured', result: 'n/a' });
  } else {
    const worst = ours.reduce((a, b) => (b.peakRssKb! > a.peakRssKb! ? b : a));
    const mib = worst.peakRssKb! / 1024;
    out.push({ target, measured: `${mib.toFixed(0)} MiB max (${worst.what}${worst.dialect === null ? '' : `, ${worst.dialect}`})`, result: verdict(mib <= 80) });
  }
  return out;
}

function b5Targets(rows: readonly Row[]): TargetCheck[] {
  const help = find(rows, { scenario: 'b5', tool: 'alembic-ts', op: 'help', dialect: null, size: null });
  const node = find(rows, { scenario: 'b5', tool: 'reference', op: 'node-e0', dialect: null, size: null });
  const target = 'B5 `--help` within 1.5× of `node -e 0`';
  if (help === undefined || node === undefined) return [{ target, measured: 'not measured', result: 'n/a' }];
  const ratio = help.medianMs / node.medianMs;
  return [{ target, measured: `${ratioText(ratio)} (${formatMs(help.medianMs)} vs ${formatMs(node.medianMs)})`, result: verdict(ratio <= 1.5) }];
}

export function evaluateTargets(rows: readonly Row[], options: BenchOptions): TargetCheck[] {
  const ran = (s: ScenarioId): boolean => options.scenarios.includes(s);
  return [
    ...(ran('b1') ? b1Targets(rows, options) : []),
    ...(ran('b3') ? b3Targets(rows, options) : []),
    ...(ran('b4') ? b4Targets(rows, options) : []),
    ...(ran('b5') ? b5Targets(rows) : []),
  ];
}
