/**
 * Column types on SQLite. SQLite keeps a column's declared type as text and only derives an
 * affinity from it, so the canonical type is read back from that text: `typeToSql` spells
 * each generic type as SQLAlchemy does on SQLite, `sqlToType` reads any spelling a person or
 * another tool may have written.
 */
import { AlembicError } from '../../errors.js';
import type { ColumnType } from '../../snapshot/types.js';
import { boundedMemo } from '../common/bounded-memo.js';
import { significantTokens } from '../common/sql-tokens.js';

export function typeToSql(type: ColumnType): string {
  switch (type.name) {
    case 'integer':
      return 'INTEGER';
    case 'bigInteger':
      return 'BIGINT';
    case 'smallInteger':
      return 'SMALLINT';
    case 'string':
      return type.length === null ? 'VARCHAR' : `VARCHAR(${type.length})`;
    case 'text':
      return 'TEXT';
    case 'boolean':
      return 'BOOLEAN';
    case 'float':
      return 'FLOAT';
    case 'double':
      return 'DOUBLE';
    case 'numeric':
      if (type.precision === null) return 'NUMERIC';
      return type.scale === null ? `NUMERIC(${type.precision})` : `NUMERIC(${type.precision}, ${type.scale})`;
    case 'date':
      return 'DATE';
    case 'dateTime':
      return 'DATETIME';
    case 'time':
      return 'TIME';
    case 'json':
      return 'JSON';
    case 'binary':
      return 'BLOB';
    case 'uuid':
      return 'CHAR(32)';
    case 'enum':
      // As SQLAlchemy's non-native Enum: a VARCHAR as long as the longest value.
      return type.values.length === 0 ? 'VARCHAR' : `VARCHAR(${Math.max(...type.values.map((v) => v.length))})`;
    case 'custom':
      return type.sql;
    case 'jsonb':
    case 'array':
    case 'inet':
    case 'cidr':
    case 'interval':
    case 'tsvector':
    case 'citext':
      throw new AlembicError('E_UNSUPPORTED_TYPE', `column type ${type.name} exists only on PostgreSQL, not on SQLite`, {
        hint: `use a generic type (json, text, ...) or customType('...') for SQLite`,
      });
  }
}

/**
 * A declared type in one spelling: keywords uppercased, one space between words, none
 * inside parentheses, `, ` between arguments. String literals keep their case.
 */
export function normalizeTypeText(declared: string): string {
  let out = '';
  let previous = '';
  for (const token of significantTokens(declared)) {
    const text = token.kind === 'word' ? token.text.toUpperCase() : token.text;
    const glued = previous === '' || previous === '(' || text === '(' || text === ')' || text === ',';
    out += (glued ? '' : ' ') + text;
    previous = text;
  }
  return out;
}

type Reader = (args: readonly number[]) => ColumnType | null;

const noArgs =
  (type: ColumnType): Reader =>
  (args) =>
    args.length === 0 ? type : null;

const readString: Reader = (args) => (args.length <= 1 ? { name: 'string', length: args[0] ?? null } : null);
const readNumeric: Reader = (args) =>
  args.length <= 2 ? { name: 'numeric', precision: args[0] ?? null, scale: args[1] ?? null } : null;
const readFloat: Reader = (args) => (args.length <= 1 ? { name: 'float' } : null);

const READERS: Readonly<Record<string, Reader>> = {
  INTEGER: noArgs({ name: 'integer' }),
  INT: noArgs({ name: 'integer' }),
  BIGINT: noArgs({ name: 'bigInteger' }),
  INT8: noArgs({ name: 'bigInteger' }),
  SMALLINT: noArgs({ name: 'smallInteger' }),
  INT2: noArgs({ name: 'smallInteger' }),
  VARCHAR: readString,
  NVARCHAR: readString,
  'CHARACTER VARYING': readString,
  'VARYING CHARACTER': readString,
  CHAR: (args) => (args.length === 1 && args[0] === 32 ? { name: 'uuid' } : null),
  TEXT: noArgs({ name: 'text' }),
  BOOLEAN: noArgs({ name: 'boolean' }),
  BOOL: noArgs({ name: 'boolean' }),
  FLOAT: readFloat,
  REAL: noArgs({ name: 'float' }),
  DOUBLE: noArgs({ name: 'double' }),
  'DOUBLE PRECISION': noArgs({ name: 'double' }),
  NUMERIC: readNumeric,
  DECIMAL: readNumeric,
  DATE: noArgs({ name: 'date' }),
  DATETIME: noArgs({ name: 'dateTime', timezone: false }),
  TIMESTAMP: noArgs({ name: 'dateTime', timezone: false }),
  TIME: noArgs({ name: 'time' }),
  JSON: noArgs({ name: 'json' }),
  BLOB: noArgs({ name: 'binary' }),
};

/**
 * The canonical type for a declared type text; anything unknown is `custom`, normalized.
 * Remembered: a schema spells few distinct types across thousands of columns, and each read
 * tokenizes the text. Types are immutable data (the readers above already share one object
 * per argument-less type), so one object can serve every column.
 */
export const sqlToType: (declared: string) => ColumnType = boundedMemo(readType);

function readType(declared: string): ColumnType {
  const text = normalizeTypeText(declared);
  const match = /^([A-Z][A-Z0-9_ ]*?)(?:\(([0-9, ]+)\))?$/.exec(text);
  const reader = match === null ? undefined : READERS[match[1]!];
  if (match !== null && reader !== undefined) {
    const args = match[2] === undefined ? [] : match[2].split(',').map((a) => Number(a.trim()));
    const type = args.every((a) => Number.isInteger(a)) ? reader(args) : null;
    if (type !== null) return type;
  }
  return { name: 'custom', sql: text };
}

export function normalizeType(type: ColumnType): ColumnType {
  return sqlToType(typeToSql(type));
}

export type Affinity = 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC';

/** https://www.sqlite.org/datatype3.html#determination_of_column_affinity */
export function affinity(declared: string): Affinity {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT';
  if (t.includes('BLOB') || t.trim() === '') return 'BLOB';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}
