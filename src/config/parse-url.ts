/**
 * SQLAlchemy-style database URLs -> `DatabaseUrl`. Messages show URLs only through
 * `redactUrl`, so a password never reaches a terminal or a CI log.
 */
import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import type { DatabaseUrl, PostgresUrl, SqliteUrl } from './url.js';

const DIALECT_BY_SCHEME: Readonly<Record<string, DatabaseUrl['dialect']>> = {
  sqlite: 'sqlite',
  postgresql: 'postgresql',
  postgres: 'postgresql',
};

const EXAMPLES = 'e.g. sqlite:///app.db or postgresql://user:pass@localhost:5432/app';

/** `sqlite+pysqlite://...` -> scheme `sqlite`, the driver is dropped; `rest` is what follows `//`. */
const URL_START = /^([A-Za-z][A-Za-z0-9.-]*)(?:\+[A-Za-z0-9_.-]+)?:\/\/(.*)$/s;

/** Relative SQLite paths are resolved from `baseDir` (the config file's folder). */
export function parseDatabaseUrl(raw: string, baseDir: string): DatabaseUrl {
  const trimmed = raw.trim();
  const match = URL_START.exec(trimmed);
  if (match === null) {
    throw new ConfigError('E_URL_INVALID', `invalid database URL: expected <dialect>://... (${EXAMPLES})`);
  }
  const scheme = (match[1] ?? '').toLowerCase();
  const rest = match[2] ?? '';
  const dialect = DIALECT_BY_SCHEME[scheme];
  if (dialect === undefined) {
    throw new ConfigError(
      'E_URL_SCHEME',
      `unsupported database URL scheme "${scheme}" (supported: ${Object.keys(DIALECT_BY_SCHEME).join(', ')})`,
    );
  }
  return dialect === 'sqlite' ? parseSqlite(rest, trimmed, baseDir) : parsePostgres(rest, trimmed);
}

function parseSqlite(rest: string, raw: string, baseDir: string): SqliteUrl {
  if (rest === '') return { dialect: 'sqlite', filename: ':memory:' };
  if (!rest.startsWith('/') || rest.includes('?')) {
    throw invalid(
      raw,
      'a SQLite URL has no host and no query: sqlite:///relative/path.db, sqlite:////absolute/path.db or sqlite://',
    );
  }
  const path = rest.slice(1);
  if (path === '' || path === ':memory:') return { dialect: 'sqlite', filename: ':memory:' };
  return { dialect: 'sqlite', filename: isAbsolute(path) ? path : resolve(baseDir, path) };
}

function parsePostgres(rest: string, raw: string): PostgresUrl {
  // The last `@` ends the user info, so a password pasted with a raw `@`, `/` or `:` still parses.
  const at = rest.lastIndexOf('@');
  const userInfo = at === -1 ? null : rest.slice(0, at);
  const afterUser = at === -1 ? rest : rest.slice(at + 1);
  const hostEnd = afterUser.search(/[/?]/);
  const hostPort = hostEnd === -1 ? afterUser : afterUser.slice(0, hostEnd);
  const pathAndQuery = hostEnd === -1 ? '' : afterUser.slice(hostEnd);
  const queryStart = pathAndQuery.indexOf('?');
  const path = queryStart === -1 ? pathAndQuery : pathAndQuery.slice(0, queryStart);
  const query = queryStart === -1 ? '' : pathAndQuery.slice(queryStart + 1);

  const params = Object.fromEntries(new URLSearchParams(query));
  const { host, port } = splitHostPort(hostPort, raw);
  const colon = userInfo?.indexOf(':') ?? -1;
  const user = userInfo === null ? null : decode(colon === -1 ? userInfo : userInfo.slice(0, colon), raw);
  const password = userInfo === null || colon === -1 ? null : decode(userInfo.slice(colon + 1), raw);
  const database = decode(path.replace(/^\//, ''), raw);
  if (database.includes('/')) throw invalid(raw, 'the database name cannot contain "/"');
  return {
    dialect: 'postgresql',
    host: host === '' ? (params['host'] ?? 'localhost') : host,
    port: port ?? (params['port'] === undefined ? 5432 : parsePort(params['port'], raw)),
    user: user === '' ? null : user,
    password,
    database: database === '' ? null : database,
    params,
  };
}

function splitHostPort(hostPort: string, raw: string): { host: string; port: number | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(hostPort);
  if (bracketed !== null) {
    const port = bracketed[2];
    return { host: bracketed[1] ?? '', port: port === undefined || port === '' ? undefined : parsePort(port, raw) };
  }
  const colon = hostPort.lastIndexOf(':');
  if (colon === -1) return { host: decode(hostPort, raw), port: undefined };
  const port = hostPort.slice(colon + 1);
  return { host: decode(hostPort.slice(0, colon), raw), port: port === '' ? undefined : parsePort(port, raw) };
}

function parsePort(text: string, raw: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw invalid(raw, `the port must be a number from 1 to 65535`);
  return port;
}

function decode(text: string, raw: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid(raw, 'malformed percent-encoding (write a literal % as %25)');
  }
}

function invalid(raw: string, reason: string): ConfigError {
  return new ConfigError('E_URL_INVALID', `invalid database URL ${redactUrl(raw)}: ${reason}`);
}

/**
 * The URL with its password (and any `password=` query parameter) replaced by `***`. Splits
 * user info at the last `@` as the parser does, so whatever the parser could read as a
 * password is hidden, even in a malformed URL.
 */
export function redactUrl(raw: string): string {
  const withoutQueryPassword = raw.replace(/([?&]password=)[^&]*/gi, '$1***');
  const match = /^([^:/?#]*:\/\/)(.*)@(.*)$/s.exec(withoutQueryPassword);
  if (match === null) return withoutQueryPassword;
  const userInfo = match[2] ?? '';
  const colon = userInfo.indexOf(':');
  if (colon === -1) return withoutQueryPassword;
  return `${match[1]}${userInfo.slice(0, colon)}:***@${match[3]}`;
}
