/**
 * A small SQL tokenizer for reading back what a database stores as text (CREATE TABLE and
 * CREATE INDEX statements, CHECK and WHERE expressions). It only has to find where string
 * literals, quoted identifiers, comments and parentheses begin and end; it does not parse SQL.
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'space' | 'comment';

export interface Token {
  readonly kind: TokenKind;
  /** The token exactly as written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const QUOTE_CLOSERS: Readonly<Record<string, string>> = { '"': '"', '`': '`', '[': ']' };

/** The end of the quoted run opened at `start` (a string literal or quoted identifier). */
export function delimitedEnd(sql: string, start: number, closer: string, doubledEscapes: boolean): number {
  let i = start + 1;
  for (;;) {
    const at = sql.indexOf(closer, i);
    if (at === -1) return sql.length;
    if (doubledEscapes && sql[at + 1] === closer) {
      i = at + 2;
      continue;
    }
    return at + 1;
  }
}

const NUMBER = /0[xX][0-9a-fA-F]+|[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\./y;
const TWO_CHAR_PUNCT = new Set(['<=', '>=', '<>', '!=', '==', '||', '<<', '>>', '::', '->']);

// Character classes by code unit: ASCII is decided by comparisons (this runs once per
// character of every stored CREATE statement); other code units go through the regexes,
// which define the classes.
const isAsciiSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiWordChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 36;

function isSpaceAt(sql: string, i: number): boolean {
  const c = sql.charCodeAt(i);
  return c <= 0x7f ? isAsciiSpace(c) : /\s/.test(sql[i]!);
}

function isWordCharAt(sql: string, i: number): boolean {
  const c = sql.charCodeAt(i);
  return c > 0x7f || isAsciiWordChar(c);
}

function tokenEnd(sql: string, i: number): { kind: TokenKind; end: number } {
  const ch = sql[i]!;
  const code = sql.charCodeAt(i);
  if (isSpaceAt(sql, i)) {
    let end = i + 1;
    while (end < sql.length && isSpaceAt(sql, end)) end++;
    return { kind: 'space', end };
  }
  if (ch === '-' && sql[i + 1] === '-') {
    const nl = sql.indexOf('\n', i);
    return { kind: 'comment', end: nl === -1 ? sql.length : nl };
  }
  if (ch === '/' && sql[i + 1] === '*') {
    const close = sql.indexOf('*/', i + 2);
    return { kind: 'comment', end: close === -1 ? sql.length : close + 2 };
  }
  if (ch === "'") return { kind: 'string', end: delimitedEnd(sql, i, "'", true) };
  // X'0A' blob and E'..' escape-string prefixes stay one literal token.
  if ((ch === 'x' || ch === 'X' || ch === 'e' || ch === 'E') && sql[i + 1] === "'") {
    return { kind: 'string', end: delimitedEnd(sql, i + 1, "'", true) };
  }
  const closer = QUOTE_CLOSERS[ch];
  if (closer !== undefined) return { kind: 'quoted', end: delimitedEnd(sql, i, closer, ch !== '[') };
  if (isDigit(code) || (ch === '.' && isDigit(sql.charCodeAt(i + 1)))) {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(sql)!;
    return { kind: 'number', end: i + match[0].length };
  }
  if (code > 0x7f || isAsciiWordChar(code)) {
    let end = i + 1;
    while (end < sql.length && isWordCharAt(sql, end)) end++;
    return { kind: 'word', end };
  }
  if (TWO_CHAR_PUNCT.has(sql.slice(i, i + 2))) return { kind: 'punct', end: i + 2 };
  return { kind: 'punct', end: i + 1 };
}

/** Every token of `sql`, whitespace and comments included, so that slices rebuild the text. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const { kind, end } = tokenEnd(sql, i);
    tokens.push({ kind, text: sql.slice(i, end), start: i, end });
    i = end;
  }
  return tokens;
}

/** Tokens without whitespace and comments. */
export function significantTokens(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const { kind, end } = tokenEnd(sql, i);
    if (kind !== 'space' && kind !== 'comment') tokens.push({ kind, text: sql.slice(i, end), start: i, end });
    i = end;
  }
  return tokens;
}

/** The name a word or quoted-identifier token stands for (`"a""b"` is `a"b`). */
export function identifierName(token: Token): string {
  if (token.kind === 'quoted') {
    const open = token.text[0]!;
    const inner = token.text.slice(1, -1);
    return open === '[' ? inner : inner.split(open + open).join(open);
  }
  if (token.kind === 'string') return token.text.slice(1, -1).split("''").join("'");
  return token.text;
}

export function isKeyword(token: Token | undefined, word: string): boolean {
  return token !== undefined && token.kind === 'word' && token.text.toUpperCase() === word;
}

/** Index of the `)` that closes the `(` at `open`, in a token list; -1 when unbalanced. */
export function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    if (t.text === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Splits a token list on top-level commas (commas inside parentheses stay). */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')') depth--;
    if (depth === 0 && t.kind === 'punct' && t.text === ',') parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts;
}

/** The original text a run of tokens covers (spacing and comments between them included). */
export function sourceText(sql: string, tokens: readonly Token[]): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return first === undefined || last === undefined ? '' : sql.slice(first.start, last.end);
}

/**
 * Trims and turns every run of whitespace outside literals, quoted identifiers and comments
 * into one space: databases that store expression text verbatim (SQLite) differ from the
 * model's text only in spacing and line breaks.
 */
export function collapseWhitespace(sql: string): string {
  let out = '';
  let previous: Token | undefined;
  for (const token of tokenize(sql.trim())) {
    if (token.kind === 'space') {
      out += previous?.kind === 'comment' && previous.text.startsWith('--') ? '\n' : ' ';
    } else {
      out += token.text;
    }
    previous = token;
  }
  return out;
}
