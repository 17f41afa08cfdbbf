/**
 * Tokens of a PostgreSQL scalar expression, following the server's lexer where it matters
 * for comparing expressions: unquoted words fold to lower case, `''` and `""` unescape,
 * and a multi-character operator drops a trailing `+`/`-` the way scan.l does.
 */
export type Token =
  | { readonly t: 'str'; readonly text: string }
  | { readonly t: 'num'; readonly text: string }
  | { readonly t: 'word'; readonly text: string }
  | { readonly t: 'qid'; readonly text: string }
  | { readonly t: 'op'; readonly text: string }
  | { readonly t: 'punct'; readonly text: string }
  | { readonly t: 'param'; readonly text: string };

export class ExpressionSyntaxError extends Error {}

const OPERATOR_CHARS = /[+\-*/<>=~!@#%^&|`?]/;
const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;

function readQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') {
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      i += 1;
    }
  }
  throw new ExpressionSyntaxError(`unterminated ${quote} in expression`);
}

function readOperator(sql: string, start: number): string {
  let end = start;
  while (end < sql.length && OPERATOR_CHARS.test(sql[end] ?? '')) end += 1;
  let op = sql.slice(start, end);
  if (op.startsWith('--') || op.includes('/*')) throw new ExpressionSyntaxError('comments are not compared');
  while (op.length > 1 && /[+-]$/.test(op) && !/[~!@#%^&|`?]/.test(op)) op = op.slice(0, -1);
  return op;
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'") {
      const end = readQuoted(sql, i, "'", false);
      tokens.push({ t: 'str', text: sql.slice(i, end) });
      i = end;
    } else if ((c === 'E' || c === 'e') && sql[i + 1] === "'") {
      const end = readQuoted(sql, i + 1, "'", true);
      tokens.push({ t: 'str', text: `E${sql.slice(i + 1, end)}` });
      i = end;
    } else if (c === '"') {
      const end = readQuoted(sql, i, '"', false);
      tokens.push({ t: 'qid', text: sql.slice(i + 1, end - 1).replaceAll('""', '"') });
      i = end;
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(sql[i + 1] ?? ''))) {
      const text = NUMBER.exec(sql.slice(i))?.[0] ?? c;
      tokens.push({ t: 'num', text });
      i += text.length;
    } else if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < sql.length && WORD_PART.test(sql[end] ?? '')) end += 1;
      tokens.push({ t: 'word', text: sql.slice(i, end).replace(/[A-Z]+/g, (s) => s.toLowerCase()) });
      i = end;
    } else if (c === '$' && /\d/.test(sql[i + 1] ?? '')) {
      const text = /^\$\d+/.exec(sql.slice(i))?.[0] ?? c;
      tokens.push({ t: 'param', text });
      i += text.length;
    } else if (c === ':' && sql[i + 1] === ':') {
      tokens.push({ t: 'punct', text: '::' });
      i += 2;
    } else if ('()[],.;:'.includes(c)) {
      tokens.push({ t: 'punct', text: c });
      i += 1;
    } else if (OPERATOR_CHARS.test(c)) {
      const op = readOperator(sql, i);
      tokens.push({ t: 'op', text: op });
      i += op.length;
    } else {
      throw new ExpressionSyntaxError(`unexpected character ${JSON.stringify(c)}`);
    }
  }
  return tokens;
}
