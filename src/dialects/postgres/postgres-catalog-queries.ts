/**
 * The catalog queries introspection runs: one of each per call, whatever the number of
 * tables, each taking the schema names as `$1`. Tables are ordinary and partitioned
 * tables (relkind r/p), partitions left out since their parent carries the definition.
 * Arrays come as JSON: the driver parses json with JSON.parse, while its parser for array
 * text ran character by character (on 500 tables, more client time than the queries' rows).
 */
/** Where each query takes the schema names; the introspector inlines them when it batches. */
export const SCHEMAS_PARAMETER = '$1::text[]';

const tableFilter = (table: string, namespace: string): string =>
  `${namespace}.nspname = ANY(${SCHEMAS_PARAMETER}) AND ${table}.relkind IN ('r', 'p') AND NOT ${table}.relispartition`;
const TABLE_FILTER = tableFilter('c', 'n');

export const CURRENT_SCHEMA_QUERY = `SELECT current_schema() AS schema`;

export const TABLES_QUERY = `
SELECT c.oid AS table_oid, n.nspname AS schema, c.relname AS name, ds.description AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
WHERE ${TABLE_FILTER}`;

/**
 * `owns_sequence` marks SERIAL: the default calls nextval() on a sequence the column owns
 * (pg_depend deptype 'a', which `OWNED BY` and SERIAL create); only asked for columns with a
 * default, the only ones it matters for. Comments come from a join, not `col_description()`,
 * which runs a query of its own for every column.
 */
export const COLUMNS_QUERY = `
SELECT a.attrelid AS table_oid, a.attnum AS attnum, a.attname AS name,
  format_type(a.atttypid, a.atttypmod) AS type, a.atttypid AS type_oid,
  CASE WHEN t.typcategory = 'A' THEN t.typelem END AS element_oid,
  a.attnotnull AS not_null, pg_get_expr(ad.adbin, ad.adrelid) AS default_expr,
  a.attidentity AS identity, a.attgenerated AS generated,
  ds.description AS comment,
  CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation,
  ad.oid IS NOT NULL AND EXISTS (
    SELECT 1 FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid
    WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass
      AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a' AND s.relkind = 'S'
  ) AS owns_sequence
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
WHERE ${TABLE_FILTER} AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`;

/** The default schema's enums too: the models' enum types live there, whatever schemas are read. */
export const ENUMS_QUERY = `
SELECT t.oid AS type_oid, n.nspname AS schema, t.typname AS name,
  to_json(ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[]) AS enum_values
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND (n.nspname = ANY(${SCHEMAS_PARAMETER}) OR n.nspname = current_schema())`;

/**
 * Column numbers, named by the caller from the columns query, which reads every table this
 * filter selects: a lookup per key column here costs more server time than the rest of the
 * query. A foreign key may point outside the tables read: `referred_columns` then names the
 * referred columns here, in key order.
 */
export const CONSTRAINTS_QUERY = `
SELECT con.conrelid AS table_oid, con.conname AS name, con.contype AS type,
  to_json(con.conkey) AS keys, con.confrelid AS referred_oid, to_json(con.confkey) AS referred_keys,
  CASE WHEN con.contype = 'f' AND NOT (${tableFilter('fc', 'fn')}) THEN to_json(ARRAY(
    SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord
  )::text[]) END AS referred_columns,
  fn.nspname AS referred_schema, fc.relname AS referred_table,
  con.confdeltype AS on_delete, con.confupdtype AS on_update,
  CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END AS definition
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE ${TABLE_FILTER} AND con.contype IN ('p', 'u', 'f', 'c')`;

/**
 * Explicit indexes only: the ones that back a PRIMARY KEY, UNIQUE or EXCLUDE constraint
 * are the constraint's business. `definitions` holds each key element as printed
 * (`pg_get_indexdef(oid, k, true)`), which is how expression elements are read; it is null
 * for an index of plain columns (no `indexprs`), whose elements the key numbers name.
 */
export const INDEXES_QUERY = `
SELECT i.indrelid AS table_oid, ic.relname AS name, i.indisunique AS is_unique,
  to_json(i.indkey::int2[]) AS keys, to_json(i.indoption::int2[]) AS options, i.indnkeyatts AS key_count,
  CASE WHEN i.indexprs IS NOT NULL THEN
    to_json(ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k)::text[])
  END AS definitions,
  pg_get_expr(i.indpred, i.indrelid, true) AS predicate
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${TABLE_FILTER}
  AND NOT EXISTS (
    SELECT 1 FROM pg_constraint con
    WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')
  )`;
