/**
 * JavaScript values on their way into SQLite: as SQL literals (offline scripts, defaults)
 * and as bound parameters (better-sqlite3 binds only numbers, bigints, strings, buffers and
 * null). Both spell a value the same way, so online and offline runs store the same data.
 */
import { AlembicError } from '../../errors.js';
import type { ColumnType } from '../../snapshot/types.js';

const quoteString = (text: string): string => `'${text.split("'").join("''")}'`;

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

/** A parameter value better-sqlite3 accepts: booleans as 1/0 (as SQLAlchemy stores them), dates as ISO text, objects as JSON. */
export function toSqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (isBytes(value) || value === null || typeof value !== 'object') return value;
  return JSON.stringify(value);
}

/**
 * A Date in the text SQLAlchemy stores for a DATE, DATETIME or TIME column (in UTC), which
 * SQLite's date functions read too: SQLAlchemy cannot read ISO text with a `T` and a `Z` back.
 * In any other column, or one not known, ISO text.
 */
export function sqliteDateText(value: Date, type: ColumnType | undefined): string {
  const iso = value.toISOString();
  const day = iso.slice(0, 10);
  const clock = `${iso.slice(11, 23)}000`;
  switch (type?.name) {
    case 'date':
      return day;
    case 'dateTime':
      return `${day} ${clock}`;
    case 'time':
      return clock;
    default:
      return iso;
  }
}

export function sqliteLiteral(value: unknown): string {
  const v = toSqliteValue(value);
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new AlembicError('E_LITERAL', `${v} has no SQL literal on SQLite`);
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return quoteString(v);
  if (isBytes(v)) return `X'${Buffer.from(v).toString('hex').toUpperCase()}'`;
  throw new AlembicError('E_LITERAL', `a ${typeof v} value has no SQL literal on SQLite`);
}
