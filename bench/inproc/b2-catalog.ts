/**
 * B2 in-process through alembic-ts's own drivers, the counterpart of
 * shared/bench/b2_inproc.py: the bulk catalog queries of a .sql file (b2_catalog.sql or
 * b2_sqlite.sql) run REPEAT times over one open connection, every row fetched. This is the
 * floor B1's in-process introspection is measured against. Prints one JSON object.
 *
 * usage: node --import tsx bench/inproc/b2-catalog.ts URL FILE.sql REPEAT
 */
import { readFileSync } from 'node:fs';
import { median } from '../harness/measure.js';
import { loadDist, nowMs } from './dist.js';

/** The same split as b2_inproc.py: comment lines dropped, statements end with ";\n". */
function statements(path: string): string[] {
  const text = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
  return text
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s !== '');
}

const [rawUrl, file, repeatArg] = process.argv.slice(2);
if (rawUrl === undefined || file === undefined) throw new Error('usage: b2-catalog.ts URL FILE.sql [REPEAT]');
const repeat = Number(repeatArg ?? 20);
const sql = statements(file);

const dist = await loadDist();
const url = dist.parseDatabaseUrl(rawUrl, process.cwd());
const { dialect } = await dist.loadDialect(url.dialect);
const conn = await dialect.connect(url);

const totals: number[] = [];
let rows: number[] = [];
for (let i = 0; i < repeat; i++) {
  const start = nowMs();
  rows = [];
  for (const statement of sql) rows.push((await conn.query(statement)).rows.length);
  totals.push(nowMs() - start);
}
await conn.close();

process.stdout.write(
  JSON.stringify({
    statements: sql.length,
    rows,
    firstMs: totals[0],
    medianMs: median(totals),
    minMs: Math.min(...totals),
    maxMs: Math.max(...totals),
  }) + '\n',
);
