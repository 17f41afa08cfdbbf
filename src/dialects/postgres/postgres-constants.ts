/**
 * How PostgreSQL prints a typed constant, as `pg_get_expr()` does for a column default
 * (ruleutils.c `get_const_expr`): the value as the type's output function writes it,
 * bare for non-negative integers, float-looking numerics and booleans, otherwise quoted
 * with a `::type` label.
 */
import type { ColumnType } from '../../snapshot/types.js';
import { plainDecimal, quoteIdentifier, quoteString } from './postgres-quote.js';

/** The `format_type()` name of a canonical type without its modifier (a constant has none). */
export function constantTypeName(type: ColumnType): string {
  switch (type.name) {
    case 'integer': return 'integer';
    case 'bigInteger': return 'bigint';
    case 'smallInteger': return 'smallint';
    case 'string': return 'character varying';
    case 'text': return 'text';
    case 'boolean': return 'boolean';
    case 'float':
    case 'double': return 'double precision';
    case 'numeric': return 'numeric';
    case 'date': return 'date';
    case 'dateTime': return type.timezone ? 'timestamp with time zone' : 'timestamp without time zone';
    case 'time': return 'time without time zone';
    case 'json': return 'json';
    case 'jsonb': return 'jsonb';
    case 'binary': return 'bytea';
    case 'uuid': return 'uuid';
    case 'enum': return quoteIdentifier(type.enumName);
    case 'array': return `${constantTypeName(type.of)}[]`;
    case 'inet': return 'inet';
    case 'cidr': return 'cidr';
    case 'interval': return 'interval';
    case 'tsvector': return 'tsvector';
    case 'citext': return 'citext';
    case 'custom': return customConstantTypeName(type.sql);
  }
}

function customConstantTypeName(sql: string): string {
  const withoutModifier = sql.replace(/\([^)]*\)/g, '').replace(/\s+/g, ' ').trim();
  return withoutModifier === 'character' ? 'bpchar' : withoutModifier;
}

/**
 * A constant of type `typeName` whose output text is `value`, as PostgreSQL prints it.
 * `label` is the type with its modifier, when an explicit cast gave one (`numeric(10,2)`):
 * a constant with a modifier always shows its label.
 */
export function printConstant(value: string, typeName: string, label = typeName): string {
  if (typeName === 'integer' && !value.startsWith('-') && label === typeName) return value;
  if (typeName === 'numeric' && /^\d/.test(value) && /[eE.]/.test(value)) return label === typeName ? value : `${value}::${label}`;
  if (typeName === 'boolean') return value === 't' || value === 'true' ? 'true' : 'false';
  return `${quoteString(value)}::${label}`;
}

/**
 * A number as the SQL lexer types it (int4, int8, else numeric) and prints it: the
 * default `DEFAULT 18` reads back as `18`, `DEFAULT -1` as `'-1'::integer`.
 */
export function printNumberToken(text: string): string {
  if (/^-?\d+$/.test(text)) {
    const value = BigInt(text);
    if (value >= -(2n ** 31n) && value < 2n ** 31n) return printConstant(value.toString(), 'integer');
    if (value >= -(2n ** 63n) && value < 2n ** 63n) return printConstant(value.toString(), 'bigint');
  }
  return printConstant(text, 'numeric');
}

/** float8out: shortest round-trip digits, exponent form outside 1e-4 .. 1e15. */
export function float8Text(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(value, -0)) return '-0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 15) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return plainDecimal(value);
}

/** numeric_out for a decimal literal: leading zeros and a `+` go, the scale stays. */
export function numericText(text: string): string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) {
    const parsed = Number(text);
    return Number.isFinite(parsed) ? plainDecimal(parsed) : text;
  }
  const [, sign, whole = '', fraction] = match;
  const digits = whole.replace(/^0+(?=\d)/, '') || '0';
  const body = fraction === undefined ? digits : `${digits}.${fraction}`;
  return sign === '-' && /[1-9]/.test(body) ? `-${body}` : body;
}
