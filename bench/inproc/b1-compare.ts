/**
 * B1 in-process, the counterpart of shared/bench/b1_inproc.py `compare`: one connection
 * opened first (not timed), then REPEAT times introspect + model snapshot + compare, with
 * the statements each compare sends counted. The first compare is "cold" (first use in the
 * process), the later ones "warm". Prints one JSON object.
 *
 * usage: node --import tsx bench/inproc/b1-compare.ts URL MODELS.ts REPEAT
 */
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from '../harness/measure.js';
import { countingConnection, loadDist, nowMs } from './dist.js';

interface Run {
  readonly ms: number;
  readonly introspectMs: number;
  readonly snapshotMs: number;
  readonly compareMs: number;
  readonly statements: number;
  readonly ops: Readonly<Record<string, number>>;
}

const [rawUrl, modelsArg, repeatArg] = process.argv.slice(2);
if (rawUrl === undefined || modelsArg === undefined) throw new Error('usage: b1-compare.ts URL MODELS.ts [REPEAT]');
const modelsPath = resolve(modelsArg);
const repeat = Number(repeatArg ?? 5);

const dist = await loadDist();
const tables = dist.collectTables([(await import(pathToFileURL(modelsPath).href)) as Record<string, unknown>]);
const url = dist.parseDatabaseUrl(rawUrl, dirname(modelsPath));
const { dialect } = await dist.loadDialect(url.dialect);
const conn = countingConnection(await dialect.connect(url));
const options = {
  compareType: true,
  compareServerDefault: true,
  capabilities: dialect.capabilities,
  resolver: dist.fixedResolver(),
};

const runs: Run[] = [];
for (let i = 0; i < repeat; i++) {
  conn.reset();
  const t0 = nowMs();
  const live = await dialect.introspect(conn);
  const t1 = nowMs();
  const target = dist.schemaSnapshot(tables, dialect);
  const t2 = nowMs();
  const result = await dist.compareSnapshots(target, live, options);
  const t3 = nowMs();
  const ops: Record<string, number> = {};
  for (const op of result.ops) ops[op.kind] = (ops[op.kind] ?? 0) + 1;
  runs.push({ ms: t3 - t0, introspectMs: t1 - t0, snapshotMs: t2 - t1, compareMs: t3 - t2, statements: conn.count, ops });
}
await conn.close();

const warm = runs.length > 1 ? runs.slice(1) : runs;
const ms = warm.map((r) => r.ms);
process.stdout.write(
  JSON.stringify({
    tables: tables.length,
    coldMs: runs[0]!.ms,
    warmMedianMs: median(ms),
    warmMinMs: Math.min(...ms),
    warmMaxMs: Math.max(...ms),
    parts: {
      introspectMs: median(warm.map((r) => r.introspectMs)),
      snapshotMs: median(warm.map((r) => r.snapshotMs)),
      compareMs: median(warm.map((r) => r.compareMs)),
    },
    statements: runs[0]!.statements,
    ops: runs[0]!.ops,
    peakRssKb: process.resourceUsage().maxRSS,
    runs,
  }) + '\n',
);
