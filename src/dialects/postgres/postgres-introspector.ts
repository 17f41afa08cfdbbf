/**
 * Live PostgreSQL schema -> SchemaSnapshot, in a fixed number of catalog queries (six, sent
 * as one batch) whatever the number of tables. Tables in the connection's `current_schema()` get schema
 * null. Expressions (CHECK, index elements, predicates) are stored in canonical form, the
 * same form `normalizeExpression` gives a model's expression.
 */
import type {
  CheckSnapshot,
  ColumnSnapshot,
  ColumnType,
  EnumSnapshot,
  ForeignKeySnapshot,
  IndexElement,
  IndexSnapshot,
  ReferentialAction,
  SchemaSnapshot,
  TableSnapshot,
  UniqueSnapshot,
} from '../../snapshot/types.js';
import type { Connection, IntrospectOptions } from '../dialect.js';
import {
  COLUMNS_QUERY,
  CONSTRAINTS_QUERY,
  CURRENT_SCHEMA_QUERY,
  ENUMS_QUERY,
  INDEXES_QUERY,
  SCHEMAS_PARAMETER,
  TABLES_QUERY,
} from './postgres-catalog-queries.js';
import { canonicalExpression } from './postgres-expression.js';
import { quoteString } from './postgres-quote.js';
import { sqlToType } from './postgres-types.js';

type Row = Readonly<Record<string, unknown>>;

const str = (v: unknown): string => String(v);
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : []);

const ACTIONS: Readonly<Record<string, ReferentialAction | null>> = {
  a: null,
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

/** Code-unit order, the same on every machine (no locale). */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byName = <T extends { readonly name: string | null }>(a: T, b: T): number => compareText(a.name ?? '', b.name ?? '');

const bySchemaAndName = <T extends { readonly schema: string | null; readonly name: string }>(a: T, b: T): number =>
  compareText(a.schema ?? '', b.schema ?? '') || compareText(a.name, b.name);

interface EnumInfo {
  readonly schema: string;
  readonly name: string;
  readonly values: readonly string[];
}

interface TableParts {
  readonly schema: string;
  columns: ColumnSnapshot[];
  primaryKey: TableSnapshot['primaryKey'];
  foreignKeys: ForeignKeySnapshot[];
  uniqueConstraints: UniqueSnapshot[];
  checkConstraints: CheckSnapshot[];
  indexes: IndexSnapshot[];
}

/**
 * An enum column reads as `enum` when the type lives in the default schema (where the models
 * put it, as SQLAlchemy does), else as written (`app.mood`).
 */
function columnType(row: Row, defaultSchema: string, enums: ReadonlyMap<number, EnumInfo>): ColumnType {
  const formatted = str(row['type']);
  const direct = enums.get(Number(row['type_oid']));
  if (direct !== undefined && direct.schema === defaultSchema) {
    return { name: 'enum', enumName: direct.name, values: direct.values };
  }
  const element = row['element_oid'] === null ? undefined : enums.get(Number(row['element_oid']));
  if (element !== undefined && element.schema === defaultSchema && formatted.endsWith('[]')) {
    return { name: 'array', of: { name: 'enum', enumName: element.name, values: element.values } };
  }
  return sqlToType(formatted);
}

function readColumn(row: Row, defaultSchema: string, enums: ReadonlyMap<number, EnumInfo>): ColumnSnapshot {
  const rawDefault = optStr(row['default_expr']);
  const identity = str(row['identity'] ?? '') !== '';
  const serial = row['owns_sequence'] === true && rawDefault !== null && rawDefault.startsWith('nextval(');
  // A generated column's expression is not a default; the IR has no place for it.
  const generated = str(row['generated'] ?? '') !== '';
  const type = columnType(row, defaultSchema, enums);
  return {
    name: str(row['name']),
    type,
    nullable: row['not_null'] !== true,
    default: serial || generated ? null : rawDefault,
    autoincrement: identity || serial,
    comment: optStr(row['comment']),
    collation: optStr(row['collation']),
  };
}

function checkExpression(definition: string): string {
  const match = /^CHECK \((.*)\)(?: NOT VALID)?$/s.exec(definition.trim());
  return canonicalExpression(match?.[1] ?? definition);
}

/** Column names by attnum, of every table the columns query read (excluded ones too). */
type ColumnNames = ReadonlyMap<number, ReadonlyMap<number, string>>;

/** The names of key columns `attnums` of table `oid`, in key order. */
function keyNames(names: ColumnNames, oid: number, attnums: readonly number[]): string[] {
  const ofTable = names.get(oid);
  const found: string[] = [];
  for (const attnum of attnums) {
    const name = ofTable?.get(attnum);
    if (name !== undefined) found.push(name);
  }
  return found;
}

function readConstraint(row: Row, parts: TableParts, names: ColumnNames, schemaOf: (name: string) => string | null): void {
  const name = str(row['name']);
  const columns = keyNames(names, Number(row['table_oid']), numbers(row['keys']));
  switch (str(row['type'])) {
    case 'p':
      parts.primaryKey = { name, columns };
      return;
    case 'u':
      parts.uniqueConstraints.push({ name, columns });
      return;
    case 'c':
      parts.checkConstraints.push({ name, sql: checkExpression(str(row['definition'])) });
      return;
    case 'f':
      parts.foreignKeys.push({
        name,
        columns,
        referredSchema: schemaOf(str(row['referred_schema'])),
        referredTable: str(row['referred_table']),
        referredColumns:
          row['referred_columns'] === null
            ? keyNames(names, Number(row['referred_oid']), numbers(row['referred_keys']))
            : strings(row['referred_columns']),
        onDelete: ACTIONS[str(row['on_delete'])] ?? null,
        onUpdate: ACTIONS[str(row['on_update'])] ?? null,
      });
  }
}

function readIndex(row: Row, attnames: ReadonlyMap<number, string> | undefined): IndexSnapshot {
  const keys = numbers(row['keys']);
  const options = numbers(row['options']);
  // Null when every element is a column (no expressions): the key numbers name them.
  const definitions = row['definitions'] === null ? null : strings(row['definitions']);
  const keyCount = Number(row['key_count']);
  const elements: IndexElement[] = Array.from({ length: keyCount }, (_, k) => {
    const attnum = keys[k] ?? 0;
    const column = attnames?.get(attnum);
    if (attnum === 0 || column === undefined) return { expression: canonicalExpression(definitions?.[k] ?? '') };
    // indoption bit 0 is DESC (pg_index.h INDOPTION_DESC).
    return ((options[k] ?? 0) & 1) === 1 ? { column, descending: true } : { column };
  });
  const predicate = optStr(row['predicate']);
  return {
    name: str(row['name']),
    elements,
    unique: row['is_unique'] === true,
    where: predicate === null ? null : canonicalExpression(predicate),
  };
}

/**
 * The catalog rows, in one round trip when the connection batches: the server then runs every
 * query while the caller goes on (`check` imports the models meanwhile). A batch has no
 * parameters, so the schema list is inlined as a literal.
 */
async function catalogRows(conn: Connection, schemas: readonly (string | null)[]): Promise<readonly (readonly Row[])[]> {
  const queries = [TABLES_QUERY, COLUMNS_QUERY, ENUMS_QUERY, CONSTRAINTS_QUERY, INDEXES_QUERY];
  if (conn.batch !== undefined) {
    const names = schemas.map((s) => (s === null ? DEFAULT_SCHEMA_SQL : quoteString(s)));
    const list = `ARRAY[${names.join(', ')}]::text[]`;
    const results = await conn.batch([CURRENT_SCHEMA_QUERY, ...queries.map((q) => q.replaceAll(SCHEMAS_PARAMETER, list))]);
    return results.map((r) => r.rows);
  }
  const current = (await conn.query(CURRENT_SCHEMA_QUERY)).rows;
  const params = [resolveSchemas(schemas, currentSchema(current))];
  const rows = [current];
  for (const query of queries) rows.push((await conn.query(query, params)).rows);
  return rows;
}

/** The connection's default schema as SQL, and as read from CURRENT_SCHEMA_QUERY's row. */
const DEFAULT_SCHEMA_SQL = "coalesce(current_schema(), 'public')";
const currentSchema = (rows: readonly Row[]): string => str(rows[0]?.['schema'] ?? 'public');
const resolveSchemas = (schemas: readonly (string | null)[], current: string): string[] => schemas.map((s) => s ?? current);

export async function introspect(conn: Connection, options: IntrospectOptions = {}): Promise<SchemaSnapshot> {
  const requested = options.schemas ?? [null];
  const [currentRows, tables, columns, enumRows, constraints, indexes] = (await catalogRows(conn, requested)) as [
    readonly Row[], readonly Row[], readonly Row[], readonly Row[], readonly Row[], readonly Row[],
  ];
  const current = currentSchema(currentRows);
  const schemas = resolveSchemas(requested, current);
  const schemaOf = (name: string): string | null => (name === current ? null : name);

  const enums = new Map<number, EnumInfo>(
    enumRows.map((r) => [Number(r['type_oid']), { schema: str(r['schema']), name: str(r['name']), values: strings(r['enum_values']) }]),
  );
  const kept = tables.filter((t) => !(options.excludeTable?.(schemaOf(str(t['schema'])), str(t['name'])) ?? false));
  const parts = new Map<number, TableParts>();
  for (const t of kept) {
    parts.set(Number(t['table_oid']), {
      schema: str(t['schema']), columns: [], primaryKey: null,
      foreignKeys: [], uniqueConstraints: [], checkConstraints: [], indexes: [],
    });
  }
  const names = new Map<number, Map<number, string>>();
  for (const row of columns) {
    const oid = Number(row['table_oid']);
    let ofTable = names.get(oid);
    if (ofTable === undefined) names.set(oid, (ofTable = new Map()));
    ofTable.set(Number(row['attnum']), str(row['name']));
    const p = parts.get(oid);
    if (p === undefined) continue;
    p.columns.push(readColumn(row, current, enums));
  }
  for (const row of constraints) {
    const p = parts.get(Number(row['table_oid']));
    if (p !== undefined) readConstraint(row, p, names, schemaOf);
  }
  for (const row of indexes) {
    const p = parts.get(Number(row['table_oid']));
    if (p !== undefined) p.indexes.push(readIndex(row, names.get(Number(row['table_oid']))));
  }

  const snapshotTables: TableSnapshot[] = kept.flatMap((t) => {
    const p = parts.get(Number(t['table_oid']));
    if (p === undefined) return [];
    return {
      schema: schemaOf(p.schema),
      name: str(t['name']),
      columns: p.columns,
      primaryKey: p.primaryKey,
      foreignKeys: p.foreignKeys.sort(byName),
      uniqueConstraints: p.uniqueConstraints.sort(byName),
      checkConstraints: p.checkConstraints.sort(byName),
      indexes: p.indexes.sort(byName),
      comment: optStr(t['comment']),
    };
  });
  // The default schema's enums when that schema is not read are the ones the tables read use.
  const used = new Set(columns.flatMap((row) => [Number(row['type_oid']), Number(row['element_oid'])]));
  const snapshotEnums: EnumSnapshot[] = [...enums]
    .filter(([oid, e]) => schemas.includes(e.schema) || used.has(oid))
    .map(([, e]) => ({ schema: schemaOf(e.schema), name: e.name, values: e.values }));
  return {
    dialect: 'postgresql',
    tables: snapshotTables.sort(bySchemaAndName),
    enums: snapshotEnums.sort(bySchemaAndName),
  };
}
