/**
 * Reads a stored CREATE INDEX statement for what `PRAGMA index_xinfo` leaves out: the text of
 * expression elements and the WHERE predicate of a partial index.
 */
import { closingParen, isKeyword, significantTokens, sourceText, splitTopLevel } from '../common/sql-tokens.js';

export interface ParsedIndex {
  /** Each element's text without its ASC/DESC, in order. */
  readonly elements: readonly string[];
  readonly where: string | null;
}

export function parseCreateIndex(sql: string): ParsedIndex {
  const tokens = significantTokens(sql);
  const on = tokens.findIndex((t) => isKeyword(t, 'ON'));
  const open = tokens.findIndex((t, i) => i > on && t.text === '(');
  const close = closingParen(tokens, open);
  const elements = splitTopLevel(tokens.slice(open + 1, close)).map((element) => {
    const last = element[element.length - 1];
    const direction = isKeyword(last, 'ASC') || isKeyword(last, 'DESC');
    return sourceText(sql, direction ? element.slice(0, -1) : element);
  });
  const rest = tokens.slice(close + 1);
  const where = isKeyword(rest[0], 'WHERE') ? sourceText(sql, rest.slice(1)).replace(/;$/, '').trim() : null;
  return { elements, where };
}
