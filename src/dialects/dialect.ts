/**
 * The interface every dialect implements. A dialect is a folder under `src/dialects/`,
 * registered in `registry.ts`; nothing outside `src/dialects/` writes SQL or asks which
 * dialect it is talking to: it reads the capability flags instead.
 */
import type { DatabaseUrl } from '../config/url.js';
import type { Op } from '../operations/ops.js';
import type { ColumnType, SchemaSnapshot, TableSnapshot } from '../snapshot/types.js';

export interface DialectCapabilities {
  /** DDL can run inside a transaction and roll back (both SQLite and PostgreSQL: true). */
  readonly transactionalDdl: boolean;
  /** Named schemas (`CREATE SCHEMA`, `schema.table`). */
  readonly schemas: boolean;
  /** Named enum types (`CREATE TYPE ... AS ENUM`). */
  readonly namedEnums: boolean;
  /** Table and column comments are stored. */
  readonly comments: boolean;
  /** ALTER COLUMN (type, nullability, default) and ADD/DROP CONSTRAINT without a rebuild. */
  readonly alterColumn: boolean;
  /** Longest identifier in bytes (63 on PostgreSQL); null when unlimited. */
  readonly maxIdentifierLength: number | null;
  /**
   * How a column comes to autoincrement. `declared` (the default): the model decides
   * (SERIAL/IDENTITY). `integerKey`: it cannot be chosen: the single column of a primary key
   * whose normalized type is `integer` always autoincrements and no other column does
   * (SQLite: INTEGER PRIMARY KEY is the rowid; a BIGINT key is not).
   */
  readonly autoincrement?: 'declared' | 'integerKey';
}

/** One SQL statement ready to run, or to print in offline mode. */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** False for statements the server refuses inside a transaction (CREATE INDEX CONCURRENTLY). */
  readonly transactional: boolean;
  /**
   * A session setting the statement needs in effect (SQLite `foreign_keys = OFF` for a
   * rebuild). The runner sets it before BEGIN, since SQLite ignores it inside a transaction,
   * and restores the previous value after COMMIT or ROLLBACK.
   */
  readonly sessionSetting?: { readonly name: string; readonly value: string };
  /**
   * The statement is a check query (`PRAGMA foreign_key_check`): any row it returns fails the
   * step with this message, and the transaction rolls back.
   */
  readonly assertNoRows?: string;
}

/**
 * A schema object as the database stores it (a SQLite `sqlite_master` row): what compile
 * cannot see in a SchemaSnapshot but must keep when it rebuilds a table.
 */
export interface StoredObject {
  readonly type: 'table' | 'index' | 'view' | 'trigger';
  readonly name: string;
  /** The table the object belongs to (a view's own name for a view). */
  readonly table: string;
  /** The CREATE statement as stored; null for automatic indexes. */
  readonly sql: string | null;
}

export interface QueryResult {
  readonly rows: readonly Record<string, unknown>[];
  readonly rowCount: number;
}

/** A live connection. Methods run statements one at a time, in call order. */
export interface Connection {
  readonly dialect: Dialect;
  query(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
  /**
   * Statements without parameters sent in one round trip, run in order; each one's result.
   * A failing statement ends the batch: what follows it does not run, and the rejection is a
   * BatchStatementError naming which one failed. Only where the driver can tell that.
   */
  batch?(sqls: readonly string[]): Promise<QueryResult[]>;
  close(): Promise<void>;
}

/** Statement `index` of a batch failed with the driver's `cause`; the ones before it ran. */
export class BatchStatementError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export interface IntrospectOptions {
  /** Schemas to read, null for the connection's default one; default: `[null]`. */
  readonly schemas?: readonly (string | null)[];
  /** Tables whose name matches are left out (the version and history tables, include filters). */
  readonly excludeTable?: (schema: string | null, name: string) => boolean;
}

/** Whatever compile needs to know about the database as it is before the ops run. */
export interface CompileContext {
  /** The schema before the ops, used by SQLite rebuilds and PostgreSQL enum bookkeeping. */
  readonly before: SchemaSnapshot;
  /**
   * The database's stored objects before the ops, from `dialect.readStoredObjects` (only
   * dialects that rebuild tables have that method). A SQLite rebuild recreates from it the
   * triggers and views that use the rebuilt table, and keeps the table's AUTOINCREMENT
   * keyword. Absent (offline mode), a rebuild knows no triggers; if the table has one anyway,
   * the rebuild fails before it drops anything. Objects an `execute` op creates are not in
   * it: compile the ops that follow an `execute` with a context read after it ran.
   */
  readonly storedObjects?: readonly StoredObject[];
}

export interface Dialect {
  readonly name: 'sqlite' | 'postgresql' | (string & {});
  readonly capabilities: DialectCapabilities;

  /** Quote an identifier so that any name (quotes, spaces, unicode, reserved words) is safe. */
  quoteIdentifier(name: string): string;
  /** A value as an SQL literal, for offline mode and defaults. */
  literal(value: unknown): string;
  /** The DDL spelling of a type (`VARCHAR(200)`, `TIMESTAMP WITH TIME ZONE`). */
  typeToSql(type: ColumnType): string;
  /** Canonical form: the type this dialect's introspector reads back for `typeToSql(type)`. */
  normalizeType(type: ColumnType): ColumnType;
  /**
   * A model default as the database will print it: a JS literal value, or raw SQL.
   * `type` is the column's canonical type (PostgreSQL prints `'x'::character varying`).
   */
  normalizeDefault(value: { readonly literal: unknown } | { readonly sql: string }, type: ColumnType): string;
  /** A CHECK or index/WHERE expression as the database will print it, as far as it can be known. */
  normalizeExpression(sql: string): string;
  /**
   * Whether a model default and a database default, both normalized, give a column of `type`
   * the same value though their texts differ: SQLAlchemy writes `server_default='0'` where a
   * model writes `.default(0)`, and the server adds casts of its own (`timezone('utc'::text,
   * now())`). Compare asks only when the texts differ.
   */
  sameDefault(model: string, database: string, type: ColumnType): boolean;

  connect(url: DatabaseUrl): Promise<Connection>;
  introspect(conn: Connection, options?: IntrospectOptions): Promise<SchemaSnapshot>;
  /** What `CompileContext.storedObjects` holds, for dialects whose compile needs it. */
  readStoredObjects?(conn: Connection): Promise<StoredObject[]>;

  /** Ops to statements. Pure: everything it needs about the database is in `context`. */
  compile(ops: readonly Op[], context: CompileContext): Statement[];
  /**
   * A throwaway database for `check --dev-url`: SQLite in memory, a new PostgreSQL database
   * on the given server. `drop` removes it; callers share one connection for SQLite memory.
   */
  createScratchDatabase(url: DatabaseUrl): Promise<{ readonly url: DatabaseUrl; drop(): Promise<void> }>;

  /** CREATE TABLE (with constraints) and its indexes: used by createAll and compile. */
  createTableStatements(table: TableSnapshot): Statement[];
}
