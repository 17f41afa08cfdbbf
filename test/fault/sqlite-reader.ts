/**
 * A second process for the rebuild-under-load test: counts the rows of the tables it is
 * given, over and over, on its own connection with a busy timeout, until its stdin closes.
 * Prints one JSON line: every count it saw per table, each error, and when each read ended.
 *
 * usage: node --import tsx sqlite-reader.ts <database file> <table>...
 */
import Database from 'better-sqlite3';

const [path, ...tables] = process.argv.slice(2);
const db = new Database(path!);
db.pragma('busy_timeout = 60000');

const counts: Record<string, number[]> = Object.fromEntries(tables.map((t) => [t, []]));
const errors: string[] = [];
const readAt: number[] = [];
let stopped = false;
process.stdin.on('end', () => (stopped = true)).resume();

function readOnce(): void {
  for (const table of tables) {
    try {
      const row = db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number };
      const seen = counts[table]!;
      if (seen.at(-1) !== row.n) seen.push(row.n);
    } catch (error: unknown) {
      errors.push(`${table}: ${(error as Error).message}`);
    }
  }
  readAt.push(Date.now());
}

function loop(): void {
  if (stopped) {
    db.close();
    process.stdout.write(JSON.stringify({ counts, errors, readAt }) + '\n');
    return;
  }
  readOnce();
  if (readAt.length === 1) process.stderr.write('reading\n');
  setImmediate(loop);
}

loop();
