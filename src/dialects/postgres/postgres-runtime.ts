/**
 * The runner's PostgreSQL side. The migration lock is a session advisory lock taken on a
 * connection of its own, so that it outlives the per-revision transactions of the main
 * connection and the server drops it if the process dies.
 */
import { trackingReaders, versionTableDdl } from '../common/tracking-rows.js';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MigrationError } from '../../errors.js';
import type { Connection, Statement } from '../dialect.js';
import type { DialectRuntime, MigrationLock, QualifiedName } from '../dialect-runtime.js';
import { postgresDialect } from './index.js';

/** Also sent in a batch with the reads before a step (trackingReaders). */
const BEGIN = 'BEGIN';
const quote = (name: string): string => postgresDialect.quoteIdentifier(name);

function qualified(table: QualifiedName): string {
  return table.schema === null ? quote(table.name) : `${quote(table.schema)}.${quote(table.name)}`;
}

function statement(sql: string, params: readonly unknown[] = []): Statement {
  return { sql, params, transactional: true };
}

/** A fixed signed 64-bit key per version table: every run of every version agrees on it. */
export function advisoryLockKey(versionTable: QualifiedName): bigint {
  const digest = createHash('sha256').update(`alembic-ts:${versionTable.schema ?? ''}.${versionTable.name}`).digest();
  return digest.readBigInt64BE(0);
}

/** pg_locks shows a bigint advisory key as two oids: the high and the low 32 bits. */
async function lockHolder(conn: Connection, key: bigint): Promise<string | null> {
  const unsigned = BigInt.asUintN(64, key);
  const result = await conn.query(
    `SELECT l.pid, a.application_name FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND l.classid = $1::oid AND l.objid = $2::oid`,
    [String(unsigned >> 32n), String(unsigned & 0xffffffffn)],
  );
  const row = result.rows[0];
  if (row === undefined) return null;
  const app = typeof row['application_name'] === 'string' && row['application_name'] !== '' ? row['application_name'] : null;
  return `pid ${String(row['pid'])}${app === null ? '' : ` (${app})`}`;
}

async function tryLock(conn: Connection, key: bigint): Promise<boolean> {
  const result = await conn.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key.toString()]);
  return result.rows[0]?.['locked'] === true;
}

async function acquireAdvisoryLock(
  lockConn: Connection,
  key: bigint,
  options: Parameters<DialectRuntime['acquireLock']>[2],
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (await tryLock(lockConn, key)) return;
    if (Date.now() >= deadline) {
      const holder = await lockHolder(lockConn, key);
      const table = qualified(options.versionTable);
      throw new MigrationError(
        'E_LOCK_TIMEOUT',
        `another migration run holds the lock for ${table} (${holder ?? 'holder unknown'}); gave up after ${options.timeoutMs / 1000} s`,
        { hint: 'wait for it to finish and run again, or raise --lock-timeout' },
      );
    }
    await sleep(Math.min(250, 100 + attempt * 25, Math.max(0, deadline - Date.now())));
  }
}

/** `$n` placeholders outside string literals, quoted identifiers, dollar quotes and comments. */
function inlinePlaceholders(sql: string, params: readonly unknown[]): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    let end = i + 1;
    const dollar = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest);
    const placeholder = /^\$(\d+)/.exec(rest);
    if (placeholder !== null) {
      out += postgresDialect.literal(params[Number(placeholder[1]) - 1]);
      i += placeholder[0].length;
      continue;
    } else if (dollar !== null) {
      const close = sql.indexOf(dollar[0], i + dollar[0].length);
      end = close === -1 ? sql.length : close + dollar[0].length;
    } else if (/^[eE]'/.test(rest)) {
      const match = /^[eE]'(?:[^'\\]|\\.|'')*'?/.exec(rest)!;
      end = i + match[0].length;
    } else if (rest[0] === "'" || rest[0] === '"') {
      const q = rest[0];
      end = sql.indexOf(q, i + 1);
      while (end !== -1 && sql[end + 1] === q) end = sql.indexOf(q, end + 2);
      end = end === -1 ? sql.length : end + 1;
    } else if (rest.startsWith('--')) {
      end = sql.indexOf('\n', i);
      end = end === -1 ? sql.length : end;
    } else if (rest.startsWith('/*')) {
      end = sql.indexOf('*/', i + 2);
      end = end === -1 ? sql.length : end + 2;
    }
    out += sql.slice(i, end);
    i = end;
  }
  return out;
}

async function tableExists(conn: Connection, table: QualifiedName): Promise<boolean> {
  const result = await conn.query('SELECT to_regclass($1) IS NOT NULL AS present', [qualified(table)]);
  return result.rows[0]?.['present'] === true;
}

export const postgresRuntime: DialectRuntime = {
  async acquireLock(conn, url, options): Promise<MigrationLock> {
    const key = advisoryLockKey(options.versionTable);
    const lockConn = await conn.dialect.connect(url);
    try {
      await acquireAdvisoryLock(lockConn, key, options);
    } catch (error: unknown) {
      await lockConn.close();
      throw error;
    }
    return {
      async release() {
        try {
          await lockConn.query('SELECT pg_advisory_unlock($1::bigint)', [key.toString()]);
        } finally {
          await lockConn.close();
        }
      },
    };
  },
  begin: () => statement(BEGIN),
  commit: () => statement('COMMIT'),
  rollback: () => statement('ROLLBACK'),
  // Waiting is bounded by the advisory lock's polling loop, never by a statement.
  isLockTimeout: () => false,

  async readSessionSetting(conn, name) {
    const result = await conn.query('SELECT current_setting($1) AS value', [name]);
    return String(result.rows[0]?.['value']);
  },
  setSessionSetting: (name, value) => statement('SELECT set_config($1, $2, false)', [name, value]),
  defaultSessionSetting: () => null,

  ...trackingReaders({ qualified, tableExists, placeholder: '$1', begin: BEGIN }),
  // A CREATE INDEX CONCURRENTLY (or REINDEX CONCURRENTLY) that was stopped keeps its index,
  // marked invalid: never used by queries, still maintained on every write, and in the way
  // of the next attempt under the same name.
  async readLeftovers(conn) {
    const result = await conn.query(
      `SELECT n.nspname AS schema, c.relname AS name, t.relname AS table_name
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
       ORDER BY 1, 2`,
    );
    return result.rows.map((row) => {
      const schema = quote(String(row['schema']));
      return `INVALID index ${schema}.${quote(String(row['name']))} on ${schema}.${quote(String(row['table_name']))} (drop it, or REINDEX it)`;
    });
  },

  createVersionTable: (table) => statement(versionTableDdl(qualified(table), quote(`${table.name}_pkc`))),
  createHistoryTable: (table) =>
    statement(
      `CREATE TABLE IF NOT EXISTS ${qualified(table)} (\n` +
        '    id INTEGER GENERATED BY DEFAULT AS IDENTITY,\n' +
        '    revision VARCHAR(32) NOT NULL,\n' +
        '    direction VARCHAR(5) NOT NULL,\n' +
        '    checksum CHAR(64),\n' +
        '    applied_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),\n' +
        '    duration_ms INTEGER,\n' +
        '    status VARCHAR(8) NOT NULL,\n' +
        `    CONSTRAINT ${quote(`${table.name}_pkey`)} PRIMARY KEY (id),\n` +
        `    CONSTRAINT ${quote(`${table.name}_direction_check`)} CHECK (direction IN ('up', 'down', 'stamp')),\n` +
        `    CONSTRAINT ${quote(`${table.name}_status_check`)} CHECK (status IN ('started', 'finished', 'resolved'))\n)`,
    ),
  insertVersion: (table, version) =>
    statement(`INSERT INTO ${qualified(table)} (version_num) VALUES ($1)`, [version]),
  updateVersion: (table, from, to) =>
    statement(`UPDATE ${qualified(table)} SET version_num = $1 WHERE version_num = $2`, [to, from]),
  deleteVersion: (table, version) =>
    statement(`DELETE FROM ${qualified(table)} WHERE version_num = $1`, [version]),
  deleteAllVersions: (table) => statement(`DELETE FROM ${qualified(table)}`),
  insertHistory: (table, entry) =>
    statement(
      `INSERT INTO ${qualified(table)} (revision, direction, checksum, duration_ms, status) VALUES ($1, $2, $3, $4, $5)`,
      [entry.revision, entry.direction, entry.checksum, entry.durationMs, entry.status],
    ),
  finishHistory: (table, revision, durationMs) =>
    statement(
      `UPDATE ${qualified(table)} SET status = 'finished', duration_ms = $1 WHERE id = ` +
        `(SELECT max(id) FROM ${qualified(table)} WHERE revision = $2 AND status = 'started')`,
      [durationMs, revision],
    ),
  resolveStartedHistory: (table) =>
    statement(`UPDATE ${qualified(table)} SET status = 'resolved' WHERE status = 'started'`),

  inlineParams: (stmt) => (stmt.params.length === 0 ? stmt.sql : inlinePlaceholders(stmt.sql, stmt.params)),
};
