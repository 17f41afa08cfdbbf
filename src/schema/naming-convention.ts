/**
 * Naming conventions in SQLAlchemy's token syntax (`%(table_name)s`, `%(column_0_name)s`,
 * `%(column_0_N_name)s`, `%(referred_table_name)s`, `%(constraint_name)s`), applied with
 * SQLAlchemy's rule: an unnamed constraint gets the convention's name; a named one keeps its
 * name unless the convention uses `%(constraint_name)s`, which then wraps the given name.
 */
import { createHash } from 'node:crypto';
import { argumentError, checkOptions } from './arguments.js';

export type NamingConventionKey = 'ix' | 'uq' | 'ck' | 'fk' | 'pk';

/** A convention per kind; `null` leaves unnamed constraints of that kind unnamed (not for `ix`). */
export interface NamingConvention {
  readonly ix: string;
  readonly uq: string | null;
  readonly ck: string | null;
  readonly fk: string | null;
  readonly pk: string | null;
}

export type NamingConventionInput = Partial<NamingConvention>;

export const DEFAULT_NAMING_CONVENTION: NamingConvention = Object.freeze({
  ix: 'ix_%(table_name)s_%(column_0_name)s',
  uq: 'uq_%(table_name)s_%(column_0_name)s',
  ck: 'ck_%(table_name)s_%(constraint_name)s',
  fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
  pk: 'pk_%(table_name)s',
});

const KEYS: readonly NamingConventionKey[] = ['ix', 'uq', 'ck', 'fk', 'pk'];

/** The user's conventions over the default ones: keys left out keep the default. */
export function resolveNamingConvention(input: NamingConventionInput | undefined, where: string): NamingConvention {
  if (input === undefined) return DEFAULT_NAMING_CONVENTION;
  checkOptions(input, KEYS, `${where} namingConvention`);
  for (const key of KEYS) {
    const value = input[key];
    if (value === undefined || (value === null && key !== 'ix')) continue;
    if (typeof value !== 'string' || value === '') {
      throw argumentError(`${where} namingConvention`, `"${key}" must be a non-empty string${key === 'ix' ? '' : ' or null'}`);
    }
  }
  const merged = { ...DEFAULT_NAMING_CONVENTION };
  for (const key of KEYS) {
    if (input[key] !== undefined) Object.assign(merged, { [key]: input[key] });
  }
  return Object.freeze(merged);
}

/** What a convention's tokens are filled from. */
export interface ConventionSubject {
  readonly table: string;
  /** The table's schema: SQLAlchemy's column label is `<schema>_<table>_<column>` when there is one. */
  readonly schema?: string | null;
  readonly columns: readonly string[];
  readonly referredSchema?: string | null;
  readonly referredTable?: string;
  readonly referredColumns?: readonly string[];
  /** The name the user gave, for `%(constraint_name)s`. */
  readonly constraintName: string | null;
}

const COLUMN_TOKEN = /^(referred_)?column_(0N|0_N|\d+)_(name|key|label)$/;

function tokenValue(token: string, subject: ConventionSubject, template: string): string {
  if (token === 'table_name') return subject.table;
  if (token === 'referred_table_name' && subject.referredTable !== undefined) return subject.referredTable;
  if (token === 'constraint_name') {
    if (subject.constraintName === null) {
      throw argumentError(`naming convention "${template}"`, `%(constraint_name)s needs an explicitly named constraint on table "${subject.table}"`);
    }
    return subject.constraintName;
  }
  const match = COLUMN_TOKEN.exec(token);
  const columns = match?.[1] === undefined ? subject.columns : subject.referredColumns;
  if (match !== null && columns !== undefined) {
    const tableName = match[1] === undefined ? subject.table : (subject.referredTable ?? '');
    const schema = (match[1] === undefined ? subject.schema : subject.referredSchema) ?? null;
    // As SQLAlchemy's `Column._ddl_label`: the schema (dots as underscores) comes first.
    const labelPrefix = schema === null ? `${tableName}_` : `${schema.replaceAll('.', '_')}_${tableName}_`;
    const render = (c: string): string => (match[3] === 'label' ? `${labelPrefix}${c}` : c);
    if (match[2] === '0N') return columns.map(render).join('');
    if (match[2] === '0_N') return columns.map(render).join('_');
    const column = columns[Number(match[2])];
    if (column !== undefined) return render(column);
  }
  throw argumentError(`naming convention "${template}"`, `token %(${token})s has no value for table "${subject.table}"`);
}

export function applyConvention(template: string, subject: ConventionSubject): string {
  return template.replace(/%\((\w+)\)s|%%/g, (whole, token: string | undefined) =>
    token === undefined ? '%' : tokenValue(token, subject, template),
  );
}

/** A name's length as the identifier limit counts it: PostgreSQL's 63 is bytes of UTF-8, not characters. */
export function identifierLength(name: string): number {
  return Buffer.byteLength(name, 'utf8');
}

/** The longest start of `name` within `bytes` bytes, never cutting a character in two. */
function clipToBytes(name: string, bytes: number): string {
  let clipped = '';
  for (const char of name) {
    if (identifierLength(clipped + char) > bytes) break;
    clipped += char;
  }
  return clipped;
}

/**
 * The name a constraint or index ends up with, by SQLAlchemy's rule. Convention-made names
 * longer than the dialect allows are shortened as SQLAlchemy does (`..._<md5 tail>`), so
 * that a database built by either tool has the same names. Length is counted in bytes, so a
 * non-ASCII name is shortened here rather than cut silently by the database (for ASCII names,
 * bytes and characters agree with SQLAlchemy).
 */
export function constraintName(
  template: string | null,
  subject: ConventionSubject,
  maxLength: number | null,
): string | null {
  if (template === null) return subject.constraintName;
  if (subject.constraintName !== null && !template.includes('%(constraint_name)s')) return subject.constraintName;
  const name = applyConvention(template, subject);
  if (maxLength === null || identifierLength(name) <= maxLength) return name;
  const tail = createHash('md5').update(name, 'utf8').digest('hex').slice(-4);
  return `${clipToBytes(name, maxLength - 8)}_${tail}`;
}
