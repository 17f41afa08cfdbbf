/**
 * A Connection over one `pg.Client`. Statements run one at a time in call order (pg queues
 * them on the client); the connection is in autocommit mode unless the caller sends BEGIN.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { POSTGRES_URL_PARAMS } from '../../config/parse-url.js';
import type { PostgresUrl } from '../../config/url.js';
import { AlembicError, ConfigError } from '../../errors.js';
import { BatchStatementError, type Connection, type Dialect, type QueryResult } from '../dialect.js';
import type { Client, ClientConfig, Query } from 'pg';
import { loadPg } from './load-pg.js';

const pg = loadPg();

/** Long enough for a slow network, short enough that an unreachable host fails instead of hanging. */
const CONNECT_TIMEOUT_MS = 10_000;

function readTlsFile(params: Readonly<Record<string, string>>, key: string): string | undefined {
  const path = params[key];
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('E_URL_SSL_FILE', `cannot read ${key} file ${path}: ${(error as Error).message}`);
  }
}

/** libpq's sslmode in node's terms. `prefer`/`allow` cannot fall back in pg, so they mean no TLS. */
function sslOption(params: Readonly<Record<string, string>>): boolean | ConnectionOptions {
  const mode = params['sslmode'] ?? 'disable';
  const files = {
    ca: readTlsFile(params, 'sslrootcert'),
    cert: readTlsFile(params, 'sslcert'),
    key: readTlsFile(params, 'sslkey'),
  };
  switch (mode) {
    case 'disable':
    case 'allow':
    case 'prefer':
      return false;
    case 'require':
      return { ...files, rejectUnauthorized: false };
    case 'verify-ca':
      return { ...files, rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { ...files, rejectUnauthorized: true };
    default:
      throw new ConfigError('E_URL_SSLMODE', `unknown sslmode "${mode}"`, {
        hint: 'use one of disable, allow, prefer, require, verify-ca, verify-full',
      });
  }
}

function clientConfig(url: PostgresUrl): ClientConfig {
  const unknown = Object.keys(url.params).filter((k) => !POSTGRES_URL_PARAMS.includes(k));
  if (unknown.length > 0) {
    throw new ConfigError('E_URL_PARAM', `unknown PostgreSQL URL parameter ${unknown.map((k) => `"${k}"`).join(', ')}`, {
      hint: `supported parameters: ${POSTGRES_URL_PARAMS.join(', ')}`,
    });
  }
  const timeoutSeconds = Number(url.params['connect_timeout']);
  return {
    host: url.host,
    port: url.port,
    user: url.user ?? undefined,
    password: url.password ?? url.params['password'] ?? undefined,
    database: url.database ?? undefined,
    ssl: sslOption(url.params),
    options: url.params['options'],
    application_name: url.params['application_name'] ?? 'alembic-ts',
    connectionTimeoutMillis: timeoutSeconds > 0 ? timeoutSeconds * 1000 : CONNECT_TIMEOUT_MS,
  };
}

/** `text` with every occurrence of the password masked; server and socket messages can echo input. */
function scrub(text: string, password: string | undefined): string {
  return password === undefined || password === '' ? text : text.replaceAll(password, '***');
}

function connectError(url: PostgresUrl, error: unknown, password: string | undefined): AlembicError {
  const message = scrub(error instanceof Error ? error.message : String(error), password);
  const where = `${url.host}:${url.port}${url.database === null ? '' : `/${url.database}`}`;
  const who = url.user === null ? '' : ` as ${url.user}`;
  const leaks = password !== undefined && password !== '' && error instanceof Error && (error.stack ?? '').includes(password);
  return new AlembicError('E_CONNECT', `could not connect to PostgreSQL at ${where}${who}: ${message}`, {
    hint: 'check the URL (host, port, database, user), that the server is running, and that it accepts this connection',
    ...(leaks ? {} : { cause: error }),
  });
}

/**
 * pg sends a Date as the process's local time with its offset, so a `date` or `timestamp`
 * column would store another day or hour under another TZ. As ISO text (UTC) it stores what
 * offline SQL writes for the same value, wherever the migration runs.
 */
const utcDate = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

const queryPrototype = pg.Query.prototype as unknown as { handleCommandComplete(this: Query, ...args: unknown[]): void };

/**
 * A simple-protocol query of several statements that counts the ones the server completed:
 * the server stops at the first error, so the count is the index of the one that failed.
 */
class CountingQuery extends pg.Query {
  completed = 0;

  handleCommandComplete(...args: unknown[]): void {
    this.completed += 1;
    queryPrototype.handleCommandComplete.call(this, ...args);
  }
}

/** One round trip for the statements; a line break before each `;` ends a trailing `--` comment. */
function runBatch(client: Client, sqls: readonly string[]): Promise<QueryResult[]> {
  const query = new CountingQuery(sqls.join('\n;\n'));
  return new Promise((resolve, reject) => {
    query.on('error', (error: Error) => reject(new BatchStatementError(query.completed, error)));
    query.on('end', (result: unknown) => {
      const results = (Array.isArray(result) ? result : [result]) as { rows: Record<string, unknown>[]; rowCount: number | null }[];
      resolve(results.map((r) => ({ rows: r.rows, rowCount: r.rowCount ?? 0 })));
    });
    client.query(query);
  });
}

/** Open a connection for `dialect` (passed in so this file does not import the dialect object). */
export async function connectPostgres(url: PostgresUrl, dialect: Dialect): Promise<Connection> {
  const config = clientConfig(url);
  const password = typeof config.password === 'string' ? config.password : undefined;
  const client = new pg.Client(config);
  // An idle client whose server goes away emits 'error'; unhandled, that would kill the
  // process. The next query fails with the same cause, so the event itself is dropped.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectError(url, error, password);
  }
  let closed = false;
  return {
    dialect,
    async query(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
      const result = await client.query({ text: sql, values: params.map(utcDate) });
      return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 };
    },
    batch: (sqls) => runBatch(client, sqls),
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await client.end();
    },
  };
}
