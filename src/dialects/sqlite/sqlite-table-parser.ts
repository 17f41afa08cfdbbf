/**
 * Reads what the pragmas do not tell from the CREATE TABLE text SQLite keeps in
 * `sqlite_master`: constraint names, CHECK expressions, collations, AUTOINCREMENT, generated
 * columns and the table options after the column list (WITHOUT ROWID, STRICT).
 */
import {
  closingParen,
  delimitedEnd,
  identifierName,
  isKeyword,
  significantTokens,
  sourceText,
  splitTopLevel,
  type Token,
} from '../common/sql-tokens.js';

export interface ParsedColumn {
  readonly name: string;
  readonly collation: string | null;
  readonly generated: boolean;
}

export interface ParsedConstraint {
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface ParsedForeignKey extends ParsedConstraint {
  readonly referredTable: string;
}

export interface ParsedTable {
  readonly columns: readonly ParsedColumn[];
  /** The name of the PRIMARY KEY constraint, when it has one. */
  readonly primaryKeyName: string | null;
  readonly autoincrement: boolean;
  readonly uniques: readonly ParsedConstraint[];
  readonly checks: readonly { readonly name: string | null; readonly sql: string }[];
  readonly foreignKeys: readonly ParsedForeignKey[];
  /** Text after the column list: `WITHOUT ROWID`, `STRICT`, or empty. */
  readonly options: string;
}

const TABLE_CONSTRAINT_START = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);
const COLUMN_CONSTRAINT_START = new Set([
  'CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS',
]);

interface Collector {
  primaryKeyName: string | null;
  autoincrement: boolean;
  readonly uniques: ParsedConstraint[];
  readonly checks: { name: string | null; sql: string }[];
  readonly foreignKeys: ParsedForeignKey[];
}

const startsWith = (token: Token | undefined, words: ReadonlySet<string>): boolean =>
  token?.kind === 'word' && words.has(token.text.toUpperCase());

/** Column names of a parenthesized list starting at `open` (`(a COLLATE x DESC, b)`), and the index after it. */
function nameList(tokens: readonly Token[], open: number): { names: string[]; next: number } {
  if (tokens[open]?.text !== '(') return { names: [], next: open };
  const close = closingParen(tokens, open);
  const names = splitTopLevel(tokens.slice(open + 1, close))
    .filter((item) => item.length > 0)
    .map((item) => identifierName(item[0]!));
  return { names, next: close + 1 };
}

/**
 * Walks constraint clauses (a column's, with `column` set, or a table constraint's) and
 * records what they declare. Tokens it does not need (ON CONFLICT, MATCH, DEFERRABLE, ON
 * DELETE ...) are stepped over; parenthesized groups are skipped whole.
 */
function readConstraints(sql: string, tokens: readonly Token[], column: ParsedColumnDraft | null, out: Collector): void {
  let pending: string | null = null;
  let i = 0;
  const own = (): string[] => (column === null ? [] : [column.name]);
  while (i < tokens.length) {
    const t = tokens[i]!;
    const word = t.kind === 'word' ? t.text.toUpperCase() : '';
    if (word === 'CONSTRAINT') {
      pending = tokens[i + 1] === undefined ? null : identifierName(tokens[i + 1]!);
      i += 2;
    } else if (word === 'PRIMARY') {
      const list = nameList(tokens, i + 2);
      out.primaryKeyName = pending;
      pending = null;
      i = list.next;
    } else if (word === 'AUTOINCREMENT') {
      out.autoincrement = true;
      i++;
    } else if (word === 'UNIQUE') {
      const list = nameList(tokens, i + 1);
      out.uniques.push({ name: pending, columns: column === null ? list.names : own() });
      pending = null;
      i = list.next;
    } else if (word === 'CHECK' && tokens[i + 1]?.text === '(') {
      const close = closingParen(tokens, i + 1);
      out.checks.push({ name: pending, sql: sourceText(sql, tokens.slice(i + 2, close)) });
      pending = null;
      i = close + 1;
    } else if (word === 'FOREIGN' || word === 'REFERENCES') {
      const local = word === 'FOREIGN' ? nameList(tokens, i + 2) : { names: own(), next: i };
      const referred = tokens[local.next + 1];
      out.foreignKeys.push({ name: pending, columns: local.names, referredTable: referred === undefined ? '' : identifierName(referred) });
      pending = null;
      i = local.next + 2;
    } else if (word === 'COLLATE' && column !== null) {
      column.collation = tokens[i + 1] === undefined ? null : identifierName(tokens[i + 1]!);
      i += 2;
    } else if ((word === 'GENERATED' || word === 'AS') && column !== null) {
      column.generated = true;
      i++;
    } else if (word === 'DEFAULT') {
      const value = tokens[i + 1];
      if (value?.text === '(') i = closingParen(tokens, i + 1) + 1;
      else i += value?.text === '-' || value?.text === '+' ? 3 : 2;
      pending = null;
    } else if (t.text === '(') {
      i = closingParen(tokens, i) + 1;
    } else {
      i++;
    }
  }
}

interface ParsedColumnDraft {
  name: string;
  collation: string | null;
  generated: boolean;
}

function readColumn(sql: string, tokens: readonly Token[], out: Collector): ParsedColumnDraft {
  const column: ParsedColumnDraft = { name: identifierName(tokens[0]!), collation: null, generated: false };
  let i = 1;
  while (i < tokens.length && !startsWith(tokens[i], COLUMN_CONSTRAINT_START)) {
    i = tokens[i]!.text === '(' ? closingParen(tokens, i) + 1 : i + 1;
  }
  readConstraints(sql, tokens.slice(i), column, out);
  return column;
}

/** What can open a comment, a literal or a quoted name, or delimit the column list. */
const LIST_SIGNIFICANT = /--|\/\*|['"`[(),]/g;

/**
 * The column list of a CREATE TABLE: where its `(` and `)` are and the commas between its
 * definitions, by the tokenizer's rules (literals, quoted names and comments are stepped
 * over). A regex jumps from one significant character to the next: this runs on every
 * stored table, mostly before the JIT has warmed up. Null without a balanced list.
 */
function columnList(sql: string): { open: number; close: number; commas: number[] } | null {
  const commas: number[] = [];
  let open = -1;
  let depth = 0;
  const re = new RegExp(LIST_SIGNIFICANT);
  for (let match = re.exec(sql); match !== null; match = re.exec(sql)) {
    const at = match.index;
    const found = match[0];
    if (found === '--') {
      const nl = sql.indexOf('\n', at);
      re.lastIndex = nl === -1 ? sql.length : nl;
    } else if (found === '/*') {
      const close = sql.indexOf('*/', at + 2);
      re.lastIndex = close === -1 ? sql.length : close + 2;
    } else if (found === "'" || found === '"' || found === '`') {
      re.lastIndex = delimitedEnd(sql, at, found, true);
    } else if (found === '[') {
      re.lastIndex = delimitedEnd(sql, at, ']', false);
    } else if (found === '(') {
      if (open === -1) open = at;
      depth++;
    } else if (found === ')') {
      if (open !== -1 && --depth === 0) return { open, close: at, commas };
    } else if (depth === 1) {
      commas.push(at);
    }
  }
  return null;
}

/**
 * A plain column definition, from where it starts: a bare name, bare words, at most one
 * `(n)` or `(n, m)` (`code VARCHAR(32) NOT NULL`). Sticky, so it reads in place.
 */
const PLAIN_COLUMN = /\s*([A-Za-z_][A-Za-z0-9_]*)((?:\s+[A-Za-z_][A-Za-z0-9_]*)*)\s*(?:\(\s*\d+\s*(?:,\s*\d+\s*)?\))?((?:\s+[A-Za-z_][A-Za-z0-9_]*)*)\s*/y;
const FIRST_CONSTRAINT_WORD = /\b(?:CONSTRAINT|PRIMARY|NOT|NULL|UNIQUE|CHECK|DEFAULT|COLLATE|REFERENCES|GENERATED|AS)\b/i;
const ONLY_NOT_NULL = /^(?:\s*\b(?:NOT|NULL)\b)*\s*$/i;

/**
 * The column `sql[from, to)` declares when that is all it declares: a plain definition whose
 * words after the first constraint word are only NOT and NULL. readColumn makes exactly this
 * of it (type words are skipped up to the first constraint word; NOT and NULL record
 * nothing). Undefined otherwise (quotes, comments, other constraints): that one is tokenized.
 */
function plainColumn(sql: string, from: number, to: number): ParsedColumnDraft | undefined {
  PLAIN_COLUMN.lastIndex = from;
  const match = PLAIN_COLUMN.exec(sql);
  if (match === null || PLAIN_COLUMN.lastIndex !== to) return undefined;
  const name = match[1]!;
  if (TABLE_CONSTRAINT_START.has(name.toUpperCase())) return undefined;
  const words = `${match[2]!} ${match[3]!}`;
  const first = FIRST_CONSTRAINT_WORD.exec(words);
  if (first !== null && !ONLY_NOT_NULL.test(words.slice(first.index))) return undefined;
  return { name, collation: null, generated: false };
}

/**
 * The CREATE TABLE's declarations. Plain column definitions (most of them) are read by a
 * pattern; the others and the table constraints are tokenized, one definition at a time.
 * The same result as parseTokenized, which reads the whole text as tokens.
 */
export function parseCreateTable(sql: string): ParsedTable {
  const list = columnList(sql);
  if (list === null) return parseTokenized(sql);
  const out: Collector = { primaryKeyName: null, autoincrement: false, uniques: [], checks: [], foreignKeys: [] };
  const columns: ParsedColumnDraft[] = [];
  let from = list.open + 1;
  for (const to of [...list.commas, list.close]) {
    const plain = plainColumn(sql, from, to);
    const text = plain === undefined ? sql.slice(from, to) : '';
    from = to + 1;
    if (plain !== undefined) {
      columns.push(plain);
      continue;
    }
    const definition = significantTokens(text);
    if (definition.length === 0) continue;
    if (startsWith(definition[0], TABLE_CONSTRAINT_START)) readConstraints(text, definition, null, out);
    else columns.push(readColumn(text, definition, out));
  }
  const rest = sql.slice(list.close + 1);
  return { ...out, columns, options: sourceText(rest, significantTokens(rest)).replace(/;$/, '').trim() };
}

/** The whole text as tokens: the reference reading, and the one for a text without a column list. */
export function parseTokenized(sql: string): ParsedTable {
  const tokens = significantTokens(sql);
  const open = tokens.findIndex((t) => t.text === '(');
  const close = closingParen(tokens, open);
  const out: Collector = { primaryKeyName: null, autoincrement: false, uniques: [], checks: [], foreignKeys: [] };
  const columns: ParsedColumnDraft[] = [];
  for (const definition of splitTopLevel(tokens.slice(open + 1, close))) {
    if (definition.length === 0) continue;
    if (startsWith(definition[0], TABLE_CONSTRAINT_START)) readConstraints(sql, definition, null, out);
    else columns.push(readColumn(sql, definition, out));
  }
  return { ...out, columns, options: sourceText(sql, tokens.slice(close + 1)).replace(/;$/, '').trim() };
}

export function isWithoutRowid(parsed: ParsedTable): boolean {
  const words = significantTokens(parsed.options);
  return words.some((t, i) => isKeyword(t, 'WITHOUT') && isKeyword(words[i + 1], 'ROWID'));
}
