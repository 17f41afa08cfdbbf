/**
 * Server defaults and stored expressions as SQLite prints them. SQLite keeps the text of a
 * DEFAULT as written, except that `DEFAULT (expr)` is read back (`PRAGMA table_xinfo`) as
 * `expr`, trimmed; CHECK and index expressions are kept verbatim in the stored SQL.
 */
import { closingParen, collapseWhitespace, significantTokens } from '../common/sql-tokens.js';
import type { ColumnType } from '../../snapshot/types.js';
import { affinity, typeToSql } from './sqlite-types.js';
import { sqliteLiteral } from './sqlite-values.js';

const LITERAL_WORDS = new Set(['NULL', 'TRUE', 'FALSE', 'CURRENT_TIME', 'CURRENT_DATE', 'CURRENT_TIMESTAMP']);
const CURRENT_WORDS = new Set(['CURRENT_TIME', 'CURRENT_DATE', 'CURRENT_TIMESTAMP']);

/** A default SQLite takes without parentheses: a literal, a signed number, NULL/TRUE/FALSE, CURRENT_*. */
export function isLiteralDefault(text: string): boolean {
  const tokens = significantTokens(text);
  const [first, second] = tokens;
  if (tokens.length === 2) return (first?.text === '-' || first?.text === '+') && second?.kind === 'number';
  if (tokens.length !== 1 || first === undefined) return false;
  return first.kind === 'string' || first.kind === 'number' || (first.kind === 'word' && LITERAL_WORDS.has(first.text.toUpperCase()));
}

/**
 * ALTER TABLE ADD COLUMN refuses CURRENT_* and parenthesized defaults
 * (https://www.sqlite.org/lang_altertable.html#altertabaddcol).
 */
export function isConstantDefault(text: string): boolean {
  return isLiteralDefault(text) && !CURRENT_WORDS.has(text.trim().toUpperCase());
}

/** The DEFAULT clause text for a default as SQLite prints it: expressions go back in parentheses. */
export function renderDefault(printed: string): string {
  return isLiteralDefault(printed) ? printed : `(${printed})`;
}

function unwrapParentheses(text: string): string {
  const tokens = significantTokens(text);
  const wrapped = tokens[0]?.text === '(' && closingParen(tokens, 0) === tokens.length - 1;
  return wrapped ? text.slice(tokens[0]!.end, tokens[tokens.length - 1]!.start).trim() : text;
}

/** The column type plays no part: SQLite prints a default as it was written, whatever the type. */
export function normalizeSqliteDefault(value: { readonly literal: unknown } | { readonly sql: string }): string {
  if ('literal' in value) return sqliteLiteral(value.literal);
  return unwrapParentheses(value.sql.trim());
}

export function normalizeSqliteExpression(sql: string): string {
  return collapseWhitespace(sql);
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A number written bare or quoted (`0`, `'0'`, `+2`) as one spelling; anything else as is. */
function numberSpelling(text: string): string {
  const unquoted = /^'([^']*)'$/.exec(text)?.[1] ?? text;
  return NUMBER_TEXT.test(unquoted) ? unquoted.replace(/^\+/, '') : text;
}

/**
 * The dialect's `sameDefault`. In a column whose affinity is numeric (INTEGER, REAL, NUMERIC:
 * also BOOLEAN, DATETIME, ...), SQLite stores the text `'0'` as the number 0
 * (https://www.sqlite.org/datatype3.html#type_affinity), so `DEFAULT '0'`, as SQLAlchemy
 * writes `server_default='0'`, and `DEFAULT 0` give the same value. In a TEXT or BLOB
 * column they do not ('1.50' stays as written, 1.50 becomes '1.5').
 */
export function sameSqliteDefault(model: string, database: string, type: ColumnType): boolean {
  const kind = affinity(typeToSql(type));
  if (kind === 'TEXT' || kind === 'BLOB') return false;
  return numberSpelling(model) === numberSpelling(database);
}
