/**
 * Reads what the pragmas do not tell from the CREATE TABLE text SQLite keeps in
 * `sqlite_master`: constraint names, CHECK expressions, collations, AUTOINCREMENT, generated
 * columns and the table options after the column list (WITHOUT ROWID, STRICT).
 */
import {
  closingParen,
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

export function parseCreateTable(sql: string): ParsedTable {
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
