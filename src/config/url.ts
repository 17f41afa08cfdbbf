/**
 * Database URLs in SQLAlchemy's style. Parsing is implemented by the config module
 * (`parseDatabaseUrl`); this file holds the shape every other module reads.
 */
export interface SqliteUrl {
  readonly dialect: 'sqlite';
  /** Absolute path, or `:memory:`. */
  readonly filename: string;
}

export interface PostgresUrl {
  readonly dialect: 'postgresql';
  readonly host: string;
  readonly port: number;
  readonly user: string | null;
  readonly password: string | null;
  readonly database: string | null;
  /** Query options (`sslmode`, `options`), decoded. */
  readonly params: Readonly<Record<string, string>>;
}

export type DatabaseUrl = SqliteUrl | PostgresUrl;
