/**
 * A value as a PostgreSQL type's output function writes it (the text inside the quotes of
 * a printed default), predicted without a server. Assumes DateStyle ISO and a UTC session,
 * the server defaults; anything not recognised is passed through as written.
 */
import type { ColumnType } from '../../snapshot/types.js';
import { float8Text, numericText } from './postgres-constants.js';
import { arrayText, plainDecimal } from './postgres-quote.js';

const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', 'on', '1']);

function integerText(text: string): string {
  const trimmed = text.trim().replace(/^\+/, '');
  return /^-?\d+$/.test(trimmed) ? BigInt(trimmed).toString() : text;
}

function uuidText(text: string): string {
  const hex = text.trim().replace(/[{}-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return text;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `HH:MM[:SS[.ffffff]]` with seconds filled in and trailing fraction zeros dropped. */
function clockText(hours: string, minutes: string, seconds: string | undefined, fraction: string | undefined): string {
  const frac = (fraction ?? '').replace(/0+$/, '');
  return `${hours.padStart(2, '0')}:${minutes}:${seconds ?? '00'}${frac === '' ? '' : `.${frac}`}`;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]00(?::?00)?|UTC)?$/i;

function timestampText(text: string, timezone: boolean): string {
  const match = DATE_TIME.exec(text.trim());
  if (match === null) return text;
  // Only UTC offsets match: another offset prints converted to the session zone, and
  // `timestamp without time zone` input ignores the zone altogether.
  const [, day = '', hours = '00', minutes = '00', seconds, fraction] = match;
  return `${day} ${clockText(hours, minutes, seconds, fraction)}${timezone ? '+00' : ''}`;
}

function timeText(text: string): string {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(text.trim());
  return match === null ? text : clockText(match[1] ?? '', match[2] ?? '', match[3], match[4]);
}

/** jsonb_out: keys de-duplicated (last wins) and sorted by length then bytes; `": "` and `", "`. */
export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? plainDecimal(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => compareJsonbKeys(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${jsonbText(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function compareJsonbKeys(a: string, b: string): number {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length !== bb.length ? ab.length - bb.length : Buffer.compare(ab, bb);
}

function jsonbFromText(text: string): string {
  try {
    return jsonbText(JSON.parse(text));
  } catch {
    return text;
  }
}

/** A string constant as the output function of `type` prints it. */
export function valueText(text: string, type: ColumnType): string {
  switch (type.name) {
    case 'integer':
    case 'bigInteger':
    case 'smallInteger':
      return integerText(text);
    case 'numeric':
      return numericText(text.trim());
    case 'float':
    case 'double': {
      const parsed = Number(text.trim());
      return text.trim() === '' || Number.isNaN(parsed) ? text : float8Text(parsed);
    }
    case 'boolean':
      return TRUE_WORDS.has(text.trim().toLowerCase()) ? 't' : 'f';
    case 'uuid':
      return uuidText(text);
    case 'dateTime':
      return timestampText(text, type.timezone);
    case 'time':
      return timeText(text);
    case 'jsonb':
      return jsonbFromText(text);
    case 'binary':
      return /^\\x[0-9a-f]*$/i.test(text) ? text.toLowerCase() : text;
    default:
      return text;
  }
}

/** A non-string JS value (number, boolean, Date, object, array) as the type's output text. */
export function literalValueText(value: unknown, type: ColumnType): string {
  if (value instanceof Date) {
    const iso = value.toISOString();
    if (type.name === 'date') return iso.slice(0, 10);
    return timestampText(iso, type.name === 'dateTime' && type.timezone);
  }
  if (type.name === 'jsonb') return jsonbText(value);
  if (type.name === 'array' && Array.isArray(value)) {
    const element = type.of;
    return arrayText(value, (v) => (typeof v === 'string' ? valueText(v, element) : literalValueText(v, element)));
  }
  if (typeof value === 'number') return valueText(Number.isFinite(value) ? plainDecimal(value) : String(value), type);
  if (typeof value === 'bigint' || typeof value === 'boolean') return valueText(String(value), type);
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  return JSON.stringify(value) ?? String(value);
}
