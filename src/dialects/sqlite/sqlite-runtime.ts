/**
 * The runner's SQLite side. SQLite has no session lock to hold across transactions: its
 * write lock comes with `BEGIN IMMEDIATE`, taken per revision, and a waiting connection is
 * made to retry for up to the lock timeout through `busy_timeout`.
 */
import { trackingReaders, versionTableDdl } from '../common/tracking-rows.js';
import type { Connection, Statement } from '../dialect.js';
import type {
  DialectRuntime,
  HistoryEntry,
  MigrationLock,
  QualifiedName,
} from '../dialect-runtime.js';
import { sqliteDialect } from './index.js';

/** Also sent in a batch with the reads before a step (trackingReaders). */
const BEGIN = 'BEGIN IMMEDIATE';
const quote = (name: string): string => sqliteDialect.quoteIdentifier(name);

function qualified(table: QualifiedName): string {
  return table.schema === null ? quote(table.name) : `${quote(table.schema)}.${quote(table.name)}`;
}

function catalog(table: QualifiedName): string {
  return table.schema === null ? 'sqlite_master' : `${quote(table.schema)}.sqlite_master`;
}

function statement(sql: string, params: readonly unknown[] = []): Statement {
  return { sql, params, transactional: true };
}

/** PRAGMA takes no parameters, so names and values are checked before they are written in. */
function pragma(name: string, value?: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || (value !== undefined && !/^-?[A-Za-z0-9_]+$/.test(value))) {
    throw new Error(`invalid PRAGMA: ${name} = ${value ?? ''}`);
  }
  return value === undefined ? `PRAGMA ${name}` : `PRAGMA ${name} = ${value}`;
}

/** better-sqlite3 is built with SQLITE_DEFAULT_FOREIGN_KEYS=1. */
const CONNECTION_DEFAULTS: Readonly<Record<string, string>> = { foreign_keys: 'ON' };

async function tableExists(conn: Connection, table: QualifiedName): Promise<boolean> {
  const result = await conn.query(`SELECT 1 FROM ${catalog(table)} WHERE type = 'table' AND name = ?`, [table.name]);
  return result.rows.length > 0;
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/** `?` placeholders outside string literals, quoted identifiers and comments. */
function inlinePlaceholders(sql: string, params: readonly unknown[]): string {
  let out = '';
  let next = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const closer = ch === "'" ? "'" : ch === '"' ? '"' : ch === '`' ? '`' : ch === '[' ? ']' : null;
    let end = i + 1;
    if (closer !== null) {
      end = sql.indexOf(closer, i + 1);
      while (end !== -1 && closer !== ']' && sql[end + 1] === closer) end = sql.indexOf(closer, end + 2);
      end = end === -1 ? sql.length : end + 1;
    } else if (sql.startsWith('--', i)) {
      end = sql.indexOf('\n', i);
      end = end === -1 ? sql.length : end;
    } else if (sql.startsWith('/*', i)) {
      end = sql.indexOf('*/', i + 2);
      end = end === -1 ? sql.length : end + 2;
    } else if (ch === '?') {
      const digits = /^\d*/.exec(sql.slice(i + 1))![0];
      const index = digits === '' ? next++ : Number(digits) - 1;
      out += sqliteDialect.literal(params[index]);
      i += 1 + digits.length;
      continue;
    }
    out += sql.slice(i, end);
    i = end;
  }
  return out;
}

export const sqliteRuntime: DialectRuntime = {
  async acquireLock(conn, _url, options): Promise<MigrationLock> {
    // Raised for the whole run so that BEGIN IMMEDIATE waits as long as --lock-timeout says;
    // restored after, since the connection may belong to the caller.
    const previous = await conn.query('PRAGMA busy_timeout');
    const before = Number(Object.values(previous.rows[0] ?? {})[0] ?? 0);
    await conn.query(`PRAGMA busy_timeout = ${Math.max(0, Math.round(options.timeoutMs))}`);
    return {
      async release() {
        await conn.query(`PRAGMA busy_timeout = ${before}`);
      },
    };
  },
  begin: () => statement(BEGIN),
  commit: () => statement('COMMIT'),
  rollback: () => statement('ROLLBACK'),
  isLockTimeout: (error) => errorCodes(error).some((code) => code.startsWith('SQLITE_BUSY')),

  async readSessionSetting(conn, name) {
    const result = await conn.query(pragma(name));
    return String(Object.values(result.rows[0] ?? {})[0]);
  },
  setSessionSetting: (name, value) => statement(pragma(name, value)),
  defaultSessionSetting: (name) => CONNECTION_DEFAULTS[name] ?? null,

  ...trackingReaders({ qualified, tableExists, placeholder: '?', begin: BEGIN }),

  createVersionTable: (table) => statement(versionTableDdl(qualified(table), quote(`${table.name}_pkc`))),
  // INTEGER PRIMARY KEY is the rowid, which grows on its own; AUTOINCREMENT would only add
  // the sqlite_sequence table, and history rows are never deleted.
  createHistoryTable: (table) =>
    statement(
      `CREATE TABLE IF NOT EXISTS ${qualified(table)} (\n` +
        '    id INTEGER NOT NULL PRIMARY KEY,\n' +
        '    revision VARCHAR(32) NOT NULL,\n' +
        "    direction VARCHAR(5) NOT NULL CHECK (direction IN ('up', 'down', 'stamp')),\n" +
        '    checksum CHAR(64),\n' +
        "    applied_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n" +
        '    duration_ms INTEGER,\n' +
        "    status VARCHAR(8) NOT NULL CHECK (status IN ('started', 'finished', 'resolved'))\n)",
    ),
  insertVersion: (table, version) => statement(`INSERT INTO ${qualified(table)} (version_num) VALUES (?)`, [version]),
  updateVersion: (table, from, to) =>
    statement(`UPDATE ${qualified(table)} SET version_num = ? WHERE version_num = ?`, [to, from]),
  deleteVersion: (table, version) => statement(`DELETE FROM ${qualified(table)} WHERE version_num = ?`, [version]),
  deleteAllVersions: (table) => statement(`DELETE FROM ${qualified(table)}`),
  insertHistory: (table, entry: HistoryEntry) =>
    statement(
      `INSERT INTO ${qualified(table)} (revision, direction, checksum, duration_ms, status) VALUES (?, ?, ?, ?, ?)`,
      [entry.revision, entry.direction, entry.checksum, entry.durationMs, entry.status],
    ),
  finishHistory: (table, revision, durationMs) =>
    statement(
      `UPDATE ${qualified(table)} SET status = 'finished', duration_ms = ? WHERE id = ` +
        `(SELECT max(id) FROM ${qualified(table)} WHERE revision = ? AND status = 'started')`,
      [durationMs, revision],
    ),
  resolveStartedHistory: (table) =>
    statement(`UPDATE ${qualified(table)} SET status = 'resolved' WHERE status = 'started'`),

  inlineParams: (stmt) => (stmt.params.length === 0 ? stmt.sql : inlinePlaceholders(stmt.sql, stmt.params)),
};
