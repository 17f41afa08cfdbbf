/**
 * The generic column types. Each renders as SQLAlchemy's type of the same name renders on
 * the target dialect; the dialect's `typeToSql` and `normalizeType` decide the spelling.
 */
import { argumentError, checkOptions, requireName } from './arguments.js';
import { column, type ColumnBuilder } from './column.js';

function optionalSize(value: unknown, where: string, what: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw argumentError(where, `${what} must be a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

export const integer = (): ColumnBuilder => column({ name: 'integer' });
export const bigInteger = (): ColumnBuilder => column({ name: 'bigInteger' });
export const smallInteger = (): ColumnBuilder => column({ name: 'smallInteger' });
export const text = (): ColumnBuilder => column({ name: 'text' });
export const boolean = (): ColumnBuilder => column({ name: 'boolean' });
/** FLOAT; double precision on PostgreSQL. */
export const float = (): ColumnBuilder => column({ name: 'float' });
export const double = (): ColumnBuilder => column({ name: 'double' });
export const date = (): ColumnBuilder => column({ name: 'date' });
export const time = (): ColumnBuilder => column({ name: 'time' });
export const json = (): ColumnBuilder => column({ name: 'json' });
export const binary = (): ColumnBuilder => column({ name: 'binary' });
export const uuid = (): ColumnBuilder => column({ name: 'uuid' });

/** VARCHAR(length), or VARCHAR without a length. */
export function string(length?: number): ColumnBuilder {
  return column({ name: 'string', length: optionalSize(length, 'string()', 'length') });
}

export function numeric(precision?: number, scale?: number): ColumnBuilder {
  const p = optionalSize(precision, 'numeric()', 'precision');
  const s = optionalSize(scale, 'numeric()', 'scale');
  if (p === null && s !== null) throw argumentError('numeric()', 'a scale needs a precision');
  return column({ name: 'numeric', precision: p, scale: s });
}

/** DATETIME on SQLite; TIMESTAMP [WITH TIME ZONE] on PostgreSQL. */
export function dateTime(options: { readonly timezone?: boolean } = {}): ColumnBuilder {
  checkOptions(options, ['timezone'], 'dateTime()');
  return column({ name: 'dateTime', timezone: options.timezone === true });
}

/**
 * A named enum type on PostgreSQL, created in the default schema whatever the table's schema
 * (as SQLAlchemy's `Enum`, which does not inherit it); a VARCHAR on dialects without named enums.
 */
export function enumType(values: readonly string[], options: { readonly name: string }): ColumnBuilder {
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) {
    throw argumentError('enumType()', 'values must be a non-empty array of strings');
  }
  if (new Set(values).size !== values.length) throw argumentError('enumType()', 'values must be distinct');
  checkOptions(options, ['name'], 'enumType()');
  const enumName = requireName(options?.name, 'enumType()', 'options.name');
  return column({ name: 'enum', enumName, values: [...values] });
}

/** Any type the generic ones do not cover, as SQL text: `customType('GEOMETRY(Point, 4326)')`. */
export function customType(sql: string): ColumnBuilder {
  return column({ name: 'custom', sql: requireName(sql, 'customType()', 'the type') });
}
