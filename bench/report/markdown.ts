/** The run as markdown: every row, the side-by-side ratios, the targets, and what failed. */
import type { Failure, Skipped } from './collector.js';
import { formatMiB, formatMs, formatRange } from './format.js';
import { comparisons, type Row } from './result.js';
import type { TargetCheck } from './targets.js';

const TOOL_NAMES = { 'alembic-ts': 'alembic-ts', alembic: 'Alembic 1.8.1', reference: 'reference' } as const;

function table(header: readonly string[], align: readonly ('l' | 'r')[], body: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  const rule = `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

const size = (row: Row): string => (row.size === null ? '–' : `${row.size}${row.unit === 'revisions' ? ' rev' : ' tables'}`);
const what = (row: Row): string => (row.kind === 'in-process' ? row.what : `\`${row.what}\``);

function resultsTable(rows: readonly Row[]): string {
  return table(
    ['scenario', 'command', 'dialect', 'size', 'tool', 'median', 'min – max', 'runs', 'peak RSS', 'statements'],
    ['l', 'l', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'r'],
    rows.map((r) => [
      r.scenario.toUpperCase(),
      what(r),
      r.dialect ?? '–',
      size(r),
      TOOL_NAMES[r.tool],
      formatMs(r.medianMs),
      formatRange(r.minMs, r.maxMs),
      String(r.runs),
      formatMiB(r.peakRssKb),
      r.statements === null ? '–' : String(r.statements),
    ]),
  );
}

function ratioTable(rows: readonly Row[]): string | null {
  const pairs = comparisons(rows);
  if (pairs.length === 0) return null;
  return table(
    ['scenario', 'command', 'dialect', 'size', 'alembic-ts', 'Alembic 1.8.1', 'statements (ts / Alembic)', 'Alembic ÷ alembic-ts'],
    ['l', 'l', 'l', 'l', 'r', 'r', 'r', 'r'],
    pairs.map(({ ours, alembic, ratio }) => [
      ours.scenario.toUpperCase(),
      ours.op === alembic.op ? what(ours) : `${what(ours)} vs Alembic ${what(alembic)}`,
      ours.dialect ?? '–',
      size(ours),
      formatMs(ours.medianMs),
      formatMs(alembic.medianMs),
      ours.statements === null && alembic.statements === null ? '–' : `${ours.statements ?? '–'} / ${alembic.statements ?? '–'}`,
      `${ratio.toFixed(1)}×`,
    ]),
  );
}

function targetTable(targets: readonly TargetCheck[]): string {
  return table(
    ['target', 'measured', 'result'],
    ['l', 'l', 'l'],
    targets.map((t) => [t.target, t.measured, t.result === 'pass' ? 'pass' : t.result === 'miss' ? '**miss**' : 'n/a']),
  );
}

export interface Report {
  readonly machine: readonly string[];
  readonly rows: readonly Row[];
  readonly targets: readonly TargetCheck[];
  readonly failures: readonly Failure[];
  readonly skipped: readonly Skipped[];
}

export function renderMarkdown(report: Report): string {
  const parts = ['## Benchmark results', '', report.machine.map((m) => `- ${m}`).join('\n'), ''];
  const ratios = ratioTable(report.rows);
  if (ratios !== null) parts.push('### alembic-ts against Alembic, same run', '', ratios, '');
  if (report.targets.length > 0) parts.push('### Targets', '', targetTable(report.targets), '');
  parts.push('### All measurements', '', 'Process rows: the whole command, wall time, and the peak RSS of its process tree (GNU time). In-process rows: timed inside one process on an open connection.', '', resultsTable(report.rows), '');
  const notes = report.rows.filter((r) => r.note !== undefined);
  if (notes.length > 0) parts.push('### Notes', '', ...notes.map((r) => `- ${r.name}: ${r.note}`), '');
  if (report.skipped.length > 0) parts.push('### Not run', '', ...report.skipped.map((s) => `- ${s.scenario.toUpperCase()}: ${s.why}`), '');
  if (report.failures.length > 0) {
    parts.push('### Failures', '', ...report.failures.map((f) => `- ${f.scenario.toUpperCase()} ${f.what}:\n\n  \`\`\`\n  ${f.error.split('\n').join('\n  ')}\n  \`\`\``), '');
  }
  return parts.join('\n');
}
