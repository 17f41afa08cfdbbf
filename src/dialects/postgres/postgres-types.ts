/**
 * Column types on PostgreSQL: the DDL spelling (as SQLAlchemy renders each generic type),
 * and the reverse, from `format_type()` output to a canonical ColumnType.
 */
import type { ColumnType } from '../../snapshot/types.js';
import { quoteIdentifier } from './postgres-quote.js';

const FIXED_SQL: Partial<Record<ColumnType['name'], string>> = {
  integer: 'INTEGER',
  bigInteger: 'BIGINT',
  smallInteger: 'SMALLINT',
  text: 'TEXT',
  boolean: 'BOOLEAN',
  float: 'FLOAT',
  double: 'DOUBLE PRECISION',
  date: 'DATE',
  time: 'TIME',
  json: 'JSON',
  binary: 'BYTEA',
  uuid: 'UUID',
  jsonb: 'JSONB',
  inet: 'INET',
  cidr: 'CIDR',
  interval: 'INTERVAL',
  tsvector: 'TSVECTOR',
  citext: 'CITEXT',
};

/**
 * The DDL spelling of a type. An enum is its type name, unqualified: it lives in the default
 * schema, as SQLAlchemy writes `mood mood` in `CREATE TABLE app.posts`.
 */
export function typeToSql(type: ColumnType): string {
  switch (type.name) {
    case 'string':
      return type.length === null ? 'VARCHAR' : `VARCHAR(${type.length})`;
    case 'numeric':
      if (type.precision === null) return 'NUMERIC';
      return type.scale === null ? `NUMERIC(${type.precision})` : `NUMERIC(${type.precision}, ${type.scale})`;
    case 'dateTime':
      return type.timezone ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP';
    case 'enum':
      return quoteIdentifier(type.enumName);
    case 'array':
      return `${typeToSql(type.of)}[]`;
    case 'custom':
      return type.sql;
    default: {
      const fixed = FIXED_SQL[type.name];
      if (fixed === undefined) throw new Error(`no PostgreSQL spelling for type ${type.name}`);
      return fixed;
    }
  }
}

/** `format_type()` names that map to a generic type without parameters. */
const SIMPLE_TYPES: Readonly<Record<string, ColumnType>> = {
  integer: { name: 'integer' },
  bigint: { name: 'bigInteger' },
  smallint: { name: 'smallInteger' },
  text: { name: 'text' },
  boolean: { name: 'boolean' },
  'double precision': { name: 'double' },
  date: { name: 'date' },
  'timestamp without time zone': { name: 'dateTime', timezone: false },
  'timestamp with time zone': { name: 'dateTime', timezone: true },
  'time without time zone': { name: 'time' },
  json: { name: 'json' },
  jsonb: { name: 'jsonb' },
  bytea: { name: 'binary' },
  uuid: { name: 'uuid' },
  inet: { name: 'inet' },
  cidr: { name: 'cidr' },
  interval: { name: 'interval' },
  tsvector: { name: 'tsvector' },
  citext: { name: 'citext' },
  'character varying': { name: 'string', length: null },
  numeric: { name: 'numeric', precision: null, scale: null },
};

/** Enum types visible to the table being read, by the name `format_type()` prints. */
export type EnumLookup = ReadonlyMap<string, { readonly name: string; readonly values: readonly string[] }>;

/**
 * A `format_type()` string (`character varying(200)`, `numeric(10,2)`, `integer[]`,
 * `mood`) as a canonical ColumnType. Unknown names become `custom` with the text as printed.
 */
export function sqlToType(formatted: string, enums: EnumLookup = new Map()): ColumnType {
  const text = formatted.trim();
  if (text.endsWith('[]')) return { name: 'array', of: sqlToType(text.slice(0, -2), enums) };
  const simple = SIMPLE_TYPES[text];
  if (simple !== undefined) return simple;
  const varchar = /^character varying\((\d+)\)$/.exec(text);
  if (varchar !== null) return { name: 'string', length: Number(varchar[1]) };
  const numeric = /^numeric\((\d+)(?:,(\d+))?\)$/.exec(text);
  if (numeric !== null) {
    return { name: 'numeric', precision: Number(numeric[1]), scale: numeric[2] === undefined ? null : Number(numeric[2]) };
  }
  const enumType = enums.get(text);
  if (enumType !== undefined) return { name: 'enum', enumName: enumType.name, values: enumType.values };
  return { name: 'custom', sql: text };
}

/** Spellings a user may write in `customType()` and what `format_type()` prints for them. */
const ALIASES: Readonly<Record<string, string>> = {
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  int2: 'smallint',
  serial: 'integer',
  bigserial: 'bigint',
  smallserial: 'smallint',
  bool: 'boolean',
  float: 'double precision',
  float8: 'double precision',
  float4: 'real',
  varchar: 'character varying',
  char: 'character',
  decimal: 'numeric',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
};

/**
 * A hand-written type (`customType('VARCHAR(10)')`, `int4`, `timestamptz(3)`) in the
 * spelling `format_type()` prints, as far as that can be known without a server.
 */
export function formatTypeSpelling(sql: string): string {
  const text = sql.trim().replace(/\s+/g, ' ');
  const match = /^([a-z_][\w ]*?)\s*(\(([^)]*)\))?((?:\s*\[\])*)$/i.exec(text);
  if (match === null) return text;
  const [, rawName = '', , args, brackets = ''] = match;
  const lowered = rawName.toLowerCase();
  const name = ALIASES[lowered] ?? lowered;
  const modifier = args === undefined ? '' : `(${args.split(',').map((a) => a.trim()).join(',')})`;
  const arrays = '[]'.repeat((brackets.match(/\[\]/g) ?? []).length);
  const withTimeZone = /^(timestamp|time) (with|without) time zone$/.exec(name);
  if (withTimeZone !== null && modifier !== '') {
    return `${withTimeZone[1]}${modifier} ${withTimeZone[2]} time zone${arrays}`;
  }
  if (name === 'character' && modifier === '') return `character(1)${arrays}`;
  return `${name}${modifier}${arrays}`;
}

/** The type introspection reads back for `typeToSql(type)`. */
export function normalizeType(type: ColumnType): ColumnType {
  switch (type.name) {
    case 'float':
      return { name: 'double' };
    case 'numeric':
      // `NUMERIC(10)` is stored with scale 0 and printed `numeric(10,0)`.
      return type.precision !== null && type.scale === null ? { ...type, scale: 0 } : type;
    case 'array':
      return { name: 'array', of: normalizeType(type.of) };
    case 'enum':
      return { name: 'enum', enumName: type.enumName, values: [...type.values] };
    case 'custom':
      return sqlToType(formatTypeSpelling(type.sql));
    default:
      return type;
  }
}
