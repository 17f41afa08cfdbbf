/**
 * Column types, defaults and whole columns as model DSL source (`string(200).notNull()`).
 */
import type { ColumnSnapshot, ColumnType } from '../../snapshot/types.js';
import type { Imports } from './imports.js';
import { sqlTemplate, str, strList } from './ts-literal.js';

const PG = 'alembic-ts/postgresql';

const NUMERIC_TYPES = new Set(['integer', 'bigInteger', 'smallInteger', 'float', 'double', 'numeric']);
const INTEGER_TYPES = new Set(['integer', 'bigInteger', 'smallInteger']);

export function renderType(type: ColumnType, imports: Imports): string {
  switch (type.name) {
    case 'string':
      return `${imports.use('string')}(${type.length ?? ''})`;
    case 'numeric': {
      const args = type.precision === null ? [] : type.scale === null ? [type.precision] : [type.precision, type.scale];
      return `${imports.use('numeric')}(${args.join(', ')})`;
    }
    case 'dateTime':
      return `${imports.use('dateTime')}(${type.timezone ? '{ timezone: true }' : ''})`;
    case 'enum':
      return `${imports.use('enumType')}(${strList(type.values)}, { name: ${str(type.enumName)} })`;
    case 'array':
      return `${imports.use('array', PG)}(${renderType(type.of, imports)})`;
    case 'custom':
      return `${imports.use('customType')}(${str(type.sql)})`;
    case 'jsonb':
    case 'inet':
    case 'cidr':
    case 'interval':
    case 'tsvector':
    case 'citext':
      return `${imports.use(type.name, PG)}()`;
    default:
      return `${imports.use(type.name)}()`;
  }
}

/** A number literal when `text` reads back as exactly the same text. */
function numberLiteral(text: string): string | null {
  return /^-?\d+(\.\d+)?$/.test(text) && String(Number(text)) === text ? text : null;
}

// A quoted literal, optionally cast to a type name (`'x'::character varying`, `'a'::"Mood"`).
const QUOTED_LITERAL = /^'((?:[^']|'')*)'(?:::(?:[a-z_][a-z0-9_ .]*(?:\(\d+(?:, ?\d+)?\))?|"(?:[^"]|"")+")(?:\[\])?)?$/;

/**
 * A default as the value to pass to `.default()`: a number or a string where the database
 * text is a plain literal of one (the dialect turns it back into the same text), a boolean
 * for `true`/`false` (and a boolean column's 1/0), otherwise the SQL itself.
 */
export function renderDefault(text: string, type: ColumnType, imports: Imports): string {
  // SQLite stores booleans as 1 and 0; the dialect turns true and false back into them.
  if (type.name === 'boolean' && (text === '1' || text === '0')) return text === '1' ? 'true' : 'false';
  const plainNumber = numberLiteral(text);
  if (plainNumber !== null) return plainNumber;
  if (text === 'true' || text === 'false') return text;
  const quoted = QUOTED_LITERAL.exec(text);
  if (quoted !== null) {
    const value = (quoted[1] ?? '').replaceAll("''", "'");
    const asNumber = NUMERIC_TYPES.has(type.name) ? numberLiteral(value) : null;
    return asNumber ?? str(value);
  }
  return sqlSource(text, imports);
}

/** `sql\`...\`` for SQL text from a snapshot. */
export function sqlSource(text: string, imports: Imports): string {
  imports.use('sql');
  return sqlTemplate(text);
}

export interface ColumnContext {
  /** Rendered with `.primaryKey()` (a single-column primary key). */
  readonly primaryKey: boolean;
  /** What the DSL decides for `autoincrement` when the column does not say. */
  readonly inferredAutoincrement: boolean;
}

const PLAIN: ColumnContext = { primaryKey: false, inferredAutoincrement: false };

/** The DSL's rule: a single integer primary key column without a foreign key or default. */
export function inferredAutoincrement(column: ColumnSnapshot, primaryKey: readonly string[], inForeignKey: boolean): boolean {
  return (
    primaryKey.length === 1 &&
    primaryKey[0] === column.name &&
    INTEGER_TYPES.has(column.type.name) &&
    !inForeignKey &&
    column.default === null
  );
}

export function renderColumn(column: ColumnSnapshot, imports: Imports, context: ColumnContext = PLAIN): string {
  let out = renderType(column.type, imports);
  if (context.primaryKey) out += '.primaryKey()';
  else if (!column.nullable) out += '.notNull()';
  if (column.default !== null) out += `.default(${renderDefault(column.default, column.type, imports)})`;
  if (column.autoincrement !== context.inferredAutoincrement) {
    out += column.autoincrement ? '.autoincrement()' : '.autoincrement(false)';
  }
  if (column.comment !== null) out += `.comment(${str(column.comment)})`;
  if (column.collation !== null) out += `.collate(${str(column.collation)})`;
  return out;
}
