/**
 * SchemaSnapshot: the one intermediate representation that both the model DSL and every
 * dialect introspector produce. Plain readonly data that serializes to JSON as it is.
 *
 * Every value here is already normalized for one dialect: types are canonical ColumnTypes
 * (what that dialect's introspector would read back for the DDL we emit), defaults are SQL
 * text as the database itself prints them, implicit indexes are left out. Because of that,
 * `compare` can use plain deep equality for nearly everything.
 */

/** A column type, generic where a generic name exists, else the dialect's own SQL text. */
export type ColumnType =
  | { readonly name: 'integer' }
  | { readonly name: 'bigInteger' }
  | { readonly name: 'smallInteger' }
  | { readonly name: 'string'; readonly length: number | null }
  | { readonly name: 'text' }
  | { readonly name: 'boolean' }
  | { readonly name: 'float' }
  | { readonly name: 'double' }
  | { readonly name: 'numeric'; readonly precision: number | null; readonly scale: number | null }
  | { readonly name: 'date' }
  | { readonly name: 'dateTime'; readonly timezone: boolean }
  | { readonly name: 'time' }
  | { readonly name: 'json' }
  | { readonly name: 'binary' }
  | { readonly name: 'uuid' }
  /** `enumName` is the PostgreSQL type name; on SQLite enums normalize to `string`. */
  | { readonly name: 'enum'; readonly enumName: string; readonly values: readonly string[] }
  | { readonly name: 'jsonb' }
  | { readonly name: 'array'; readonly of: ColumnType }
  | { readonly name: 'inet' }
  | { readonly name: 'cidr' }
  | { readonly name: 'interval' }
  | { readonly name: 'tsvector' }
  | { readonly name: 'citext' }
  /** Anything else, as the dialect prints it (`GEOMETRY(Point,4326)`). */
  | { readonly name: 'custom'; readonly sql: string };

export type ColumnTypeName = ColumnType['name'];

export interface ColumnSnapshot {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  /** SQL expression text as the database prints it (`18`, `'x'::character varying`, `now()`). */
  readonly default: string | null;
  /** SERIAL / IDENTITY on PostgreSQL; INTEGER PRIMARY KEY (rowid alias) on SQLite. */
  readonly autoincrement: boolean;
  readonly comment: string | null;
  /** Explicit COLLATE, when one was declared. */
  readonly collation: string | null;
}

export interface PrimaryKeySnapshot {
  readonly name: string | null;
  readonly columns: readonly string[];
}

export type ReferentialAction = 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION';

export interface ForeignKeySnapshot {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referredSchema: string | null;
  readonly referredTable: string;
  readonly referredColumns: readonly string[];
  /** null means the default (NO ACTION). */
  readonly onDelete: ReferentialAction | null;
  readonly onUpdate: ReferentialAction | null;
}

export interface UniqueSnapshot {
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface CheckSnapshot {
  readonly name: string | null;
  /** The expression as the database prints it, without the surrounding CHECK ( ). */
  readonly sql: string;
}

/** An index element: a column name, or an expression as the database prints it. */
export type IndexElement =
  | { readonly column: string; readonly descending?: boolean }
  | { readonly expression: string };

export interface IndexSnapshot {
  readonly name: string;
  readonly elements: readonly IndexElement[];
  readonly unique: boolean;
  /** Partial index predicate, as the database prints it. */
  readonly where: string | null;
}

export interface TableSnapshot {
  /** null means the connection's default schema (`public`, `main`). */
  readonly schema: string | null;
  readonly name: string;
  readonly columns: readonly ColumnSnapshot[];
  readonly primaryKey: PrimaryKeySnapshot | null;
  readonly foreignKeys: readonly ForeignKeySnapshot[];
  readonly uniqueConstraints: readonly UniqueSnapshot[];
  readonly checkConstraints: readonly CheckSnapshot[];
  /** Explicit indexes only: the ones backing a PK or UNIQUE constraint are left out. */
  readonly indexes: readonly IndexSnapshot[];
  readonly comment: string | null;
}

export interface EnumSnapshot {
  readonly schema: string | null;
  readonly name: string;
  readonly values: readonly string[];
}

export interface SchemaSnapshot {
  readonly dialect: string;
  /** Sorted by (schema, name). */
  readonly tables: readonly TableSnapshot[];
  /** Sorted by (schema, name). Always empty on dialects without named enum types. */
  readonly enums: readonly EnumSnapshot[];
}

/** Where a table lives, used by ops and lookups. */
export interface TableRef {
  readonly schema: string | null;
  readonly name: string;
}
