/**
 * Identifier quoting and SQL literals for PostgreSQL. Identifiers are quoted only where
 * PostgreSQL's own `quote_ident()` would quote them, so DDL reads like hand-written SQL.
 */
import { isSqlFragment, sqlInline } from '../../schema/sql.js';
import { boundedMemo } from '../common/bounded-memo.js';

/** Keywords that are not UNRESERVED in PostgreSQL 15 (`pg_get_keywords()` catcode <> 'U'). */
const NON_UNRESERVED_KEYWORDS = new Set(
  `all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both
  case cast char character check coalesce collate collation column concurrently constraint create cross
  current_catalog current_date current_role current_schema current_time current_timestamp current_user dec
  decimal default deferrable desc distinct do else end except exists extract false fetch float for foreign
  freeze from full grant greatest group grouping having ilike in initially inner inout int integer intersect
  interval into is isnull join lateral leading least left like limit localtime localtimestamp national natural
  nchar none normalize not notnull null nullif numeric offset on only or order out outer overlaps overlay
  placing position precision primary real references returning right row select session_user setof similar
  smallint some substring symmetric table tablesample then time timestamp to trailing treat trim true union
  unique user using values varchar variadic verbose when where window with xmlattributes xmlconcat xmlelement
  xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable`.split(/\s+/),
);

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_$]*$/;

/**
 * True when `name` can be written bare: lower case, plain characters, not a reserved word.
 * Remembered: rendering 500 tables' DDL for `check` asked about the same few column names
 * thousands of times.
 */
export const isPlainIdentifier = boundedMemo((name: string): boolean => PLAIN_IDENTIFIER.test(name) && !NON_UNRESERVED_KEYWORDS.has(name));

/**
 * Any name as a safe identifier. Names longer than 63 bytes are passed as they are:
 * PostgreSQL truncates them itself (with a NOTICE), which is what the user asked for.
 */
export function quoteIdentifier(name: string): string {
  return isPlainIdentifier(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name`, or just `name` in the connection's default schema. */
export function qualifiedName(schema: string | null, name: string): string {
  return schema === null ? quoteIdentifier(name) : `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

/** A string literal; standard_conforming_strings is on (the default since 9.1), so only quotes double. */
export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A finite number in plain decimal notation (`1e21` becomes `1000000000000000000000`),
 * because PostgreSQL prints constants that way and defaults are compared as printed text.
 */
export function plainDecimal(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  if (Number.isInteger(value)) return BigInt(value).toString();
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (match === null) return text;
  const [, sign = '', lead = '', rest = '', exponentText = '0'] = match;
  const digits = lead + rest;
  const exponent = Number(exponentText);
  // Only negative exponents reach here: a positive one on a finite double is an integer.
  return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

function elementText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? plainDecimal(value) : String(value);
  if (value instanceof Date) return value.toISOString();
  if (isBytes(value)) return `\\x${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * array_in/array_out text (`{1,2}`, `{a,"b c"}`): an element is quoted when it is empty,
 * holds a delimiter, a quote, a backslash or white space, or reads as NULL.
 */
export function arrayText(values: readonly unknown[], text: (value: unknown) => string): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayText(v, text);
    const item = text(v);
    const needsQuotes = item === '' || /[{},"\\\s]/.test(item) || item.toUpperCase() === 'NULL';
    return needsQuotes ? `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"` : item;
  });
  return `{${items.join(',')}}`;
}

/** A JS value as an SQL literal, for offline SQL and defaults. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    return Number.isFinite(value) ? plainDecimal(value) : quoteString(String(value));
  }
  if (typeof value === 'string') return quoteString(value);
  if (value instanceof Date) return quoteString(value.toISOString());
  if (isBytes(value)) return `'\\x${Buffer.from(value).toString('hex')}'`;
  if (isSqlFragment(value)) return sqlInline(value, literal);
  // An array literal in text form takes the column's element type from context, where
  // ARRAY[...] would carry the elements' own types.
  if (Array.isArray(value)) return quoteString(arrayText(value, elementText));
  return quoteString(JSON.stringify(value));
}
