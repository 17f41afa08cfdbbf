/**
 * Preloaded into the alembic-ts CLI (`node --import <this> dist/cli/main.js ...`) for one
 * untimed run: counts every SQL statement the process sends, through either driver, and
 * writes `{ statements, kinds }` to $BENCH_STATEMENT_LOG when the process exits. Plain
 * JavaScript so that it changes nothing about how the CLI loads TypeScript (tsx).
 *
 * The drivers are CommonJS, so the CLI's `import pg from 'pg'` gets the very module object
 * that `require` returns here, and patching its prototypes is seen by every connection.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';

const root = process.env.BENCH_PACKAGE_ROOT;
const logPath = process.env.BENCH_STATEMENT_LOG;
const require = createRequire(`${root}/package.json`);

let statements = 0;
const kinds = new Map();

/** A short label to group statements by, like shared/bench/b1_inproc.py's stmt_kind. */
function kindOf(sql) {
  const text = String(sql).replace(/\s+/g, ' ').trim();
  const pragma = /^PRAGMA (?:main\.)?(\w+)/i.exec(text);
  if (pragma) return `PRAGMA ${pragma[1]}`;
  const from = /\bFROM ((?:pg_catalog\.)?\w+(?:\.\w+)?)/i.exec(text);
  return from ? `${text.slice(0, 40)} ... FROM ${from[1]}` : text.slice(0, 70);
}

/**
 * A batch (several statements in one simple-protocol query, one round trip) counts as the
 * statements it holds: src/dialects/postgres/postgres-driver.ts joins them with `\n;\n`.
 */
function record(text) {
  for (const sql of String(text).split('\n;\n')) {
    statements += 1;
    const kind = kindOf(sql);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
}

function patch(proto, method, sqlOf) {
  const original = proto[method];
  proto[method] = function counted(...args) {
    record(sqlOf(args));
    return original.apply(this, args);
  };
}

try {
  const pg = require('pg');
  patch(pg.Client.prototype, 'query', (args) => (typeof args[0] === 'string' ? args[0] : args[0]?.text ?? ''));
} catch {
  // pg not installed: only SQLite is counted.
}
try {
  const Database = require('better-sqlite3');
  patch(Database.prototype, 'prepare', (args) => args[0]);
  patch(Database.prototype, 'exec', (args) => args[0]);
  patch(Database.prototype, 'pragma', (args) => `PRAGMA ${args[0]}`);
} catch {
  // better-sqlite3 not installed: only PostgreSQL is counted.
}

process.on('exit', () => {
  if (!logPath) return;
  const top = [...kinds.entries()].sort((a, b) => b[1] - a[1]);
  writeFileSync(logPath, JSON.stringify({ statements, kinds: top }));
});
