/** One measured row, the unit of the markdown tables and of the saved JSON. */
import type { DialectName } from '../harness/databases.js';
import type { Timing } from '../harness/measure.js';

export type ScenarioId = 'b1' | 'b2' | 'b3' | 'b4' | 'b5';
export const SCENARIOS: readonly ScenarioId[] = ['b1', 'b2', 'b3', 'b4', 'b5'];

/** `reference`: what a result is measured against (raw catalog queries, `node -e 0`). */
export type Tool = 'alembic-ts' | 'alembic' | 'reference';

export interface Row {
  readonly scenario: ScenarioId;
  /** Unique, stable across runs: `b1-pg-n500-ts-check`. */
  readonly name: string;
  readonly tool: Tool;
  /** The operation, shared by both tools' rows of one comparison (`check`, `upgrade`, ...). */
  readonly op: string;
  /** The Alembic row's `op` to compare with, when it differs (Alembic 1.8.1 has no `check`). */
  readonly alembicOp?: string;
  /** What ran, for the table: `check`, `psql -f b2_catalog.sql`. */
  readonly what: string;
  readonly dialect: DialectName | null;
  readonly size: number | null;
  readonly unit: 'tables' | 'revisions' | null;
  /** `process`: the whole command, wall time; `in-process`: timed inside one process. */
  readonly kind: 'process' | 'in-process';
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly peakRssKb: number | null;
  /** SQL statements sent by one run, where it applies. */
  readonly statements: number | null;
  readonly note?: string;
}

/** What a scenario says of a row before it is measured. */
export type RowBase = Pick<Row, 'scenario' | 'tool' | 'op' | 'alembicOp' | 'what' | 'dialect' | 'size' | 'unit' | 'note'> & {
  readonly statements?: number | null;
};

export function rowFromTiming(base: RowBase, timing: Timing): Row {
  return {
    ...base,
    name: timing.name,
    kind: 'process',
    runs: timing.runs,
    medianMs: timing.medianMs,
    minMs: timing.minMs,
    maxMs: timing.maxMs,
    peakRssKb: timing.peakRssKb,
    statements: base.statements ?? null,
  };
}

/** The benchmark name of a row: scenario, dialect, size, tool, op. */
export function rowName(base: Pick<RowBase, 'scenario' | 'dialect' | 'size' | 'unit' | 'tool' | 'op'>): string {
  const size = base.size === null ? '' : `-${base.unit === 'revisions' ? 'r' : 'n'}${base.size}`;
  const tool = base.tool === 'alembic-ts' ? 'ts' : base.tool === 'alembic' ? 'py' : 'ref';
  return [base.scenario, base.dialect ?? '', size.slice(1), tool, base.op].filter((part) => part !== '').join('-');
}

export interface Comparison {
  readonly ours: Row;
  readonly alembic: Row;
  /** Alembic's median over ours: how many times faster alembic-ts is. */
  readonly ratio: number;
}

export function comparisons(rows: readonly Row[]): Comparison[] {
  const out: Comparison[] = [];
  for (const ours of rows.filter((r) => r.tool === 'alembic-ts')) {
    const op = ours.alembicOp ?? ours.op;
    const alembic = rows.find(
      (r) =>
        r.tool === 'alembic' &&
        r.scenario === ours.scenario &&
        r.op === op &&
        r.dialect === ours.dialect &&
        r.size === ours.size &&
        r.kind === ours.kind,
    );
    if (alembic !== undefined) out.push({ ours, alembic, ratio: alembic.medianMs / ours.medianMs });
  }
  return out;
}
