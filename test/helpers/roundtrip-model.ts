/**
 * Schema models for the round-trip property test, as plain data that is easy to change at
 * random: every expression is kept as a shape over a column name (so renaming a column
 * follows into it), and the data turns into real model tables through the DSL, so that a
 * snapshot is normalized for a dialect exactly as a user's models are (`schemaSnapshot`).
 */
import type { SnapshotDialect } from '../../src/schema/to-snapshot.js';
import { schemaSnapshot } from '../../src/schema/to-snapshot.js';
import { MetaData } from '../../src/schema/metadata.js';
import { column, type ColumnBuilder, type DefaultValue } from '../../src/schema/column.js';
import { check, foreignKey, index, primaryKey, unique, type TableExtra } from '../../src/schema/table-extras.js';
import { sql } from '../../src/schema/sql.js';
import type { ColumnType, ReferentialAction, SchemaSnapshot } from '../../src/snapshot/types.js';

/** An expression over one column; rendered per use, so a rename reaches it. */
export type ExpressionShape =
  | { readonly kind: 'positive'; readonly column: string }
  | { readonly kind: 'between'; readonly column: string }
  | { readonly kind: 'notEmpty'; readonly column: string }
  | { readonly kind: 'inList'; readonly column: string }
  | { readonly kind: 'lower'; readonly column: string }
  | { readonly kind: 'isNotNull'; readonly column: string };

export type ModelDefault = { readonly literal: string | number | boolean } | { readonly sql: string };

export interface ModelColumn {
  name: string;
  type: ColumnType;
  notNull: boolean;
  default: ModelDefault | null;
  comment: string | null;
}

export type ModelIndexElement = { column: string; descending: boolean } | { expression: ExpressionShape };

export interface ModelIndex {
  name: string;
  elements: ModelIndexElement[];
  unique: boolean;
  where: ExpressionShape | null;
}

export interface ModelForeignKey {
  name: string;
  columns: string[];
  referredTable: string;
  referredColumns: string[];
  onDelete: ReferentialAction | null;
  onUpdate: ReferentialAction | null;
}

export interface ModelTable {
  name: string;
  columns: ModelColumn[];
  primaryKey: { name: string; columns: string[] } | null;
  foreignKeys: ModelForeignKey[];
  uniques: { name: string; columns: string[] }[];
  checks: { name: string; expression: ExpressionShape }[];
  indexes: ModelIndex[];
  comment: string | null;
}

export interface ModelSchema {
  tables: ModelTable[];
}

const BARE = /^[a-z_][a-z0-9_]*$/;
/** Reserved words on both dialects: a name spelled so must be quoted everywhere. */
export const RESERVED_WORDS: readonly string[] = ['order', 'user', 'group', 'select', 'check', 'table', 'from', 'default', 'where', 'primary'];
const RESERVED = new Set(RESERVED_WORDS);

/** A column name as a user writes it in SQL: quoted where either dialect needs it. */
export function sqlName(name: string): string {
  return BARE.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

export function expressionSql(shape: ExpressionShape): string {
  const column = sqlName(shape.column);
  switch (shape.kind) {
    case 'positive':
      return `${column} > 0`;
    case 'between':
      return `${column} BETWEEN -5 AND 1000`;
    case 'notEmpty':
      return `length(${column}) > 0`;
    case 'inList':
      return `${column} IN ('a', 'it''s', 'b c')`;
    case 'lower':
      return `lower(${column})`;
    case 'isNotNull':
      return `${column} IS NOT NULL`;
  }
}

function columnBuilder(model: ModelColumn): ColumnBuilder {
  let builder = column(model.type);
  if (model.notNull) builder = builder.notNull();
  if (model.default !== null) {
    const value: DefaultValue = 'sql' in model.default ? sql.raw(model.default.sql) : model.default.literal;
    builder = builder.default(value);
  }
  if (model.comment !== null) builder = builder.comment(model.comment);
  return builder;
}

function extras(model: ModelTable): TableExtra[] {
  const out: TableExtra[] = [];
  if (model.primaryKey !== null) out.push(primaryKey({ name: model.primaryKey.name, columns: model.primaryKey.columns }));
  for (const fk of model.foreignKeys) {
    out.push(
      foreignKey({
        name: fk.name,
        columns: fk.columns,
        foreignColumns: fk.referredColumns.map((c) => `${fk.referredTable}.${c}`),
        ...(fk.onDelete === null ? {} : { onDelete: fk.onDelete }),
        ...(fk.onUpdate === null ? {} : { onUpdate: fk.onUpdate }),
      }),
    );
  }
  for (const u of model.uniques) out.push(unique(u.name).on(...u.columns));
  for (const c of model.checks) out.push(check(c.name, sql.raw(expressionSql(c.expression))));
  for (const ix of model.indexes) {
    const elements = ix.elements.map((e) =>
      'column' in e ? (e.descending ? sql.raw(`${sqlName(e.column)} DESC`) : e.column) : sql.raw(expressionSql(e.expression)),
    );
    let builder = index(ix.name).on(...elements);
    if (ix.unique) builder = builder.unique();
    if (ix.where !== null) builder = builder.where(sql.raw(expressionSql(ix.where)));
    out.push(builder);
  }
  return out;
}

/** The models as a user would write them, normalized for `dialect` by the DSL itself. */
export function modelSnapshot(schema: ModelSchema, dialect: SnapshotDialect): SchemaSnapshot {
  // Constraint names are given in full: the default `ck` convention would prefix them.
  const metadata = new MetaData({ namingConvention: { ck: null } });
  const tables = schema.tables.map((t) =>
    metadata.table(
      t.name,
      Object.fromEntries(t.columns.map((c) => [c.name, columnBuilder(c)])),
      extras(t),
      t.comment === null ? {} : { comment: t.comment },
    ),
  );
  return schemaSnapshot(tables, dialect);
}

export function cloneSchema(schema: ModelSchema): ModelSchema {
  return structuredClone(schema);
}
