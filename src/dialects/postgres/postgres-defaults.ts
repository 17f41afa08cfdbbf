/**
 * Model defaults as PostgreSQL prints them back (`pg_get_expr(adbin, adrelid)`), so that a
 * default written in a model compares equal to the one read from the database. The text is
 * also valid SQL that prints back as itself, which is why the DDL can emit it unchanged.
 */
import type { ColumnType } from '../../snapshot/types.js';
import { constantTypeName, printConstant, printNumberToken } from './postgres-constants.js';
import { plainDecimal } from './postgres-quote.js';
import { formatTypeSpelling, normalizeType } from './postgres-types.js';
import { literalValueText, valueText } from './postgres-value-text.js';

/** SQL value functions the grammar spells as keywords; PostgreSQL prints them in upper case. */
const VALUE_FUNCTIONS = new Set([
  'current_timestamp',
  'current_date',
  'current_time',
  'localtimestamp',
  'localtime',
  'current_user',
  'current_role',
  'session_user',
  'current_catalog',
  'current_schema',
  'user',
]);

/** A string constant coerced to the column's type at CREATE time, as it prints. */
function stringDefault(text: string, type: ColumnType): string {
  return printConstant(valueText(text, type), constantTypeName(type));
}

function literalDefault(value: unknown, type: ColumnType): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return stringDefault(value, type);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // A boolean or a number is typed by the lexer (int4, int8, numeric) whatever the column; the server
  // coerces it to the column type out of sight.
  if (typeof value === 'bigint') return printNumberToken(value.toString());
  if (typeof value === 'number') {
    return Number.isFinite(value) ? printNumberToken(plainDecimal(value)) : stringDefault(String(value), type);
  }
  return printConstant(literalValueText(value, type), constantTypeName(type));
}

const STRING_LITERAL = /^'((?:[^']|'')*)'(?:\s*::\s*(.+))?$/s;
const NUMBER_LITERAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A default written as SQL: the common shapes are predicted, anything else is kept as written. */
function sqlDefault(sql: string, type: ColumnType): string {
  const text = sql.trim();
  const stringLiteral = STRING_LITERAL.exec(text);
  if (stringLiteral !== null) {
    const value = (stringLiteral[1] ?? '').replaceAll("''", "'");
    const cast = stringLiteral[2];
    if (cast === undefined) return stringDefault(value, type);
    const castType = normalizeType({ name: 'custom', sql: cast });
    // An explicit cast keeps its modifier in the label (`'x'::character varying(20)`).
    return printConstant(valueText(value, castType), constantTypeName(castType), formatTypeSpelling(cast));
  }
  if (NUMBER_LITERAL.test(text)) {
    const token = text.replace(/^\+/, '');
    return printNumberToken(/^-?\./.test(token) ? token.replace('.', '0.') : token);
  }
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower;
  if (lower === 'null') return 'NULL';
  const valueFunction = /^([a-z_]+)\s*(\(\s*\d+\s*\))?$/.exec(lower);
  if (valueFunction !== null && VALUE_FUNCTIONS.has(valueFunction[1] ?? '')) {
    return `${(valueFunction[1] ?? '').toUpperCase()}${(valueFunction[2] ?? '').replace(/\s+/g, '')}`;
  }
  const noArgumentCall = /^([a-z_][a-z0-9_]*)\s*\(\s*\)$/.exec(lower);
  if (noArgumentCall !== null) return `${noArgumentCall[1]}()`;
  const nextval = /^nextval\s*\(\s*('(?:[^']|'')*')\s*\)$/i.exec(text);
  if (nextval !== null) return `nextval(${nextval[1]}::regclass)`;
  return text;
}

/** The dialect's `normalizeDefault`: `type` is the column's canonical type. */
export function normalizeDefault(value: { readonly literal: unknown } | { readonly sql: string }, type: ColumnType): string {
  const canonical = normalizeType(type);
  return 'sql' in value ? sqlDefault(value.sql, canonical) : literalDefault(value.literal, canonical);
}
