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

/** Query parameters understood in a PostgreSQL URL (host and port are read by the parser). */
export const POSTGRES_URL_PARAMS: readonly string[] = [
  'sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'options', 'application_name', 'connect_timeout', 'host', 'port', 'password',
];

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
  // As SQLAlchemy's make_url: the user info lives in the authority (up to the first `/`, `?` or
  // `#`), so an `@` in the query is data. A password with a raw `/`, `?` or `#` must be
  // percent-encoded; a raw `@` in it still parses (the authority's last `@` ends the user info).
  if (rest.includes('#')) throw invalid(raw, 'a raw "#" must be percent-encoded as %23');
  const { userInfo, hostPort, path, query } = urlParts(rest);
  if (path.includes('@') || !plainQuery(query)) {
    throw invalid(raw, 'a raw "@" after the host must be percent-encoded as %40 (so must "/", "?" and "#" in a password)');
  }

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

/**
 * False when an `@` in the query could end a password pasted with a raw `?`: an `@` is only
 * taken as data in the value of a known parameter (`application_name=me@host`).
 */
function plainQuery(query: string): boolean {
  if (!query.includes('@')) return true;
  return query.split('&').every((pair) => POSTGRES_URL_PARAMS.includes(pair.split('=')[0] ?? ''));
}

interface UrlParts {
  /** `user:pass`, or null when the authority has no `@`. */
  readonly userInfo: string | null;
  readonly hostPort: string;
  /** All that follows the authority: `/db?query`. */
  readonly tail: string;
  readonly path: string;
  readonly query: string;
}

/**
 * What follows `scheme://`, split as make_url splits it: the authority (`user:pass@host:port`,
 * up to the first `/`, `?` or `#`; its last `@` ends the user info), then path and query.
 */
function urlParts(rest: string): UrlParts {
  const end = rest.search(/[/?#]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const tail = end === -1 ? '' : rest.slice(end);
  const at = authority.lastIndexOf('@');
  const queryStart = tail.indexOf('?');
  return {
    userInfo: at === -1 ? null : authority.slice(0, at),
    hostPort: at === -1 ? authority : authority.slice(at + 1),
    tail,
    path: queryStart === -1 ? tail : tail.slice(0, queryStart),
    query: queryStart === -1 ? '' : tail.slice(queryStart + 1),
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
  return new ConfigError('E_URL_INVALID', `invalid database URL ${redactConservatively(raw)}: ${reason}`);
}

/**
 * The URL with its password (and any `password=` query parameter) replaced by `***`. The user
 * info is read from the authority as the parser reads it; a URL the parser would not read that
 * way (an `@` after the host outside a query value, a `#`, a port that is not a number) is
 * redacted conservatively, so a password pasted with a raw `/`, `?` or `#` stays hidden too.
 */
export function redactUrl(raw: string): string {
  const withoutQueryPassword = hideQueryPassword(raw);
  const match = /^([^:/?#]*:\/\/)(.*)$/s.exec(withoutQueryPassword);
  if (match === null) return withoutQueryPassword;
  const rest = match[2] ?? '';
  const { userInfo, hostPort, tail, path, query } = urlParts(rest);
  const plain =
    !rest.includes('#') &&
    !path.includes('@') &&
    plainQuery(query) &&
    /^(?:\[[^\]]*\]|[^:[\]]*)(?::\d*)?$/.test(hostPort);
  if (!plain) return redactConservatively(raw);
  if (userInfo === null) return withoutQueryPassword;
  const colon = userInfo.indexOf(':');
  if (colon === -1) return withoutQueryPassword;
  return `${match[1]}${userInfo.slice(0, colon)}:***@${hostPort}${tail}`;
}

/** Hides everything from the first `:` after `//` to the last `@`: whatever any reading could take for a password. */
function redactConservatively(raw: string): string {
  const withoutQueryPassword = hideQueryPassword(raw);
  const match = /^([^:/?#]*:\/\/)(.*)@(.*)$/s.exec(withoutQueryPassword);
  if (match === null) return withoutQueryPassword;
  const userInfo = match[2] ?? '';
  const colon = userInfo.indexOf(':');
  if (colon === -1) return withoutQueryPassword;
  return `${match[1]}${userInfo.slice(0, colon)}:***@${match[3]}`;
}

function hideQueryPassword(raw: string): string {
  return raw.replace(/([?&]password=)[^&]*/gi, '$1***');
}
