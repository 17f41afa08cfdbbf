/**
 * The databases a scenario runs on: SQLite files in the work folder, and `bench_*` databases
 * on the project's PostgreSQL (the server of PG_URL), made and dropped with psql so that the
 * same reset can run as a hyperfine `--prepare` command.
 */
import { commandLine, run } from './shell.js';

export type DialectName = 'sqlite' | 'pg';

export interface PgServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string | null;
}

export function parsePgServer(adminUrl: string): PgServer {
  const url = new URL(adminUrl);
  return {
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: url.password === '' ? null : decodeURIComponent(url.password),
  };
}

/** Environment for psql and Python (libpq reads PGPASSWORD), so no password sits in a command line. */
export function pgEnv(server: PgServer): NodeJS.ProcessEnv {
  return server.password === null ? {} : { PGPASSWORD: server.password };
}

function psqlArgv(server: PgServer, database: string): string[] {
  return ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', server.host, '-p', String(server.port), '-U', server.user, '-d', database];
}

export function psqlFileCommand(server: PgServer, database: string, file: string): string {
  return `${commandLine([...psqlArgv(server, database), '-f', file, '-o', '/dev/null'])}`;
}

export function psqlConnectOnlyCommand(server: PgServer, database: string): string {
  return `${commandLine([...psqlArgv(server, database), '-c', 'select 1', '-o', '/dev/null'])}`;
}

function assertBenchName(name: string): void {
  // Only databases this harness owns are ever dropped.
  if (!/^bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to touch database "${name}": bench databases are named bench_*`);
}

/** The shell command that drops (with FORCE) and recreates an empty database. */
export function pgRecreateCommand(server: PgServer, name: string): string {
  assertBenchName(name);
  return `${commandLine([
    ...psqlArgv(server, 'postgres'),
    '-c',
    `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
    '-c',
    `CREATE DATABASE "${name}"`,
  ])} >/dev/null`;
}

export function pgRecreate(server: PgServer, name: string): void {
  assertBenchName(name);
  run([...psqlArgv(server, 'postgres'), '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, '-c', `CREATE DATABASE "${name}"`], {
    env: pgEnv(server),
  });
}

export function pgDrop(server: PgServer, name: string): void {
  assertBenchName(name);
  run([...psqlArgv(server, 'postgres'), '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], { env: pgEnv(server) });
}

export function pgReachable(server: PgServer): boolean {
  return run([...psqlArgv(server, 'postgres'), '-Atc', 'select 1'], { env: pgEnv(server), allowFailure: true }).status === 0;
}

const auth = (server: PgServer): string =>
  encodeURIComponent(server.user) + (server.password === null ? '' : `:${encodeURIComponent(server.password)}`);

/** A URL for alembic-ts, or (with `driver`) for SQLAlchemy (`postgresql+psycopg2://`). */
export function pgUrl(server: PgServer, database: string, driver?: string): string {
  const scheme = driver === undefined ? 'postgresql' : `postgresql+${driver}`;
  return `${scheme}://${auth(server)}@${server.host}:${server.port}/${database}`;
}

/** An absolute SQLite path as a URL (both tools read `sqlite:////abs/path`). */
export const sqliteUrl = (absolutePath: string): string => `sqlite:///${absolutePath}`;

/** The reset for a SQLite database: delete the file. */
export const sqliteResetCommand = (path: string): string => `rm -f ${commandLine([path])}`;
