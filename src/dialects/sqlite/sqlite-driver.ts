/**
 * A Connection over better-sqlite3. better-sqlite3 is synchronous; the promises only keep
 * the Connection interface the same across dialects. It is built with foreign keys on
 * (SQLITE_DEFAULT_FOREIGN_KEYS=1), which this connection keeps.
 */
import Database from 'better-sqlite3';
import type { SqliteUrl } from '../../config/url.js';
import { AlembicError } from '../../errors.js';
import type { Connection, Dialect, QueryResult } from '../dialect.js';
import { toSqliteValue } from './sqlite-values.js';

/** How long a statement waits for another connection's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

function isStatementCountError(error: unknown): boolean {
  return error instanceof RangeError && /contains (more than one statement|no statements)/.test(error.message);
}

class SqliteConnection implements Connection {
  constructor(
    readonly dialect: Dialect,
    private readonly db: Database.Database,
  ) {}

  async query(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    let stmt: Database.Statement;
    try {
      stmt = this.db.prepare(sql);
    } catch (error: unknown) {
      // A script of several statements (or only comments) has no single prepared form.
      if (params.length === 0 && isStatementCountError(error)) {
        this.db.exec(sql);
        return { rows: [], rowCount: 0 };
      }
      throw error;
    }
    const values = params.map(toSqliteValue);
    if (stmt.reader) {
      const rows = stmt.all(...values) as Record<string, unknown>[];
      return { rows, rowCount: rows.length };
    }
    const info = stmt.run(...values);
    return { rows: [], rowCount: info.changes };
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/**
 * Opens the file (created when missing) or `:memory:`. The header is read here, so that a
 * file that is not a database fails as a connection error naming it, not at some later query.
 */
export async function connectSqlite(dialect: Dialect, url: SqliteUrl): Promise<Connection> {
  let db: Database.Database | undefined;
  try {
    db = new Database(url.filename, { timeout: BUSY_TIMEOUT_MS });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('schema_version');
  } catch (error: unknown) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new AlembicError('E_CONNECT', `could not open the SQLite database ${url.filename}: ${reason}`, {
      cause: error,
      hint: "check the path in the URL (sqlite:///relative.db is relative to the config file's folder, sqlite:////absolute.db is absolute) and that the folder exists",
    });
  }
  return new SqliteConnection(dialect, db);
}
