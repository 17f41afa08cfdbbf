/**
 * Column references inside stored expression text (CHECK constraints, index expressions and
 * WHERE predicates), where a dropped or renamed column shows up. Token-level: a name counts
 * wherever it appears as an identifier, except as a function name (`lower(`).
 */
import { identifierName, tokenize, type Token } from './sql-tokens.js';

function isReference(tokens: readonly Token[], index: number, name: string): boolean {
  const token = tokens[index]!;
  if (token.kind !== 'word' && token.kind !== 'quoted') return false;
  if (identifierName(token).toLowerCase() !== name.toLowerCase()) return false;
  const next = tokens.slice(index + 1).find((t) => t.kind !== 'space' && t.kind !== 'comment');
  return !(token.kind === 'word' && next?.text === '(');
}

/** True when `sql` mentions `name` (case-insensitively, as SQL does) as an identifier. */
export function referencesIdentifier(sql: string, name: string): boolean {
  const tokens = tokenize(sql);
  return tokens.some((_, i) => isReference(tokens, i, name));
}

/**
 * `sql` with every reference to `from` replaced by `to`, the way SQLite rewrites stored text
 * on `RENAME COLUMN`: a bare name stays bare unless `to` needs quoting (judged by `quote`),
 * a quoted one is replaced by `to` in double quotes.
 */
export function renameIdentifier(sql: string, from: string, to: string, quote: (name: string) => string): string {
  const tokens = tokenize(sql);
  const quoted = `"${to.split('"').join('""')}"`;
  const bare = quote(to) === to ? to : quoted;
  return tokens.map((t, i) => (isReference(tokens, i, from) ? (t.kind === 'quoted' ? quoted : bare) : t.text)).join('');
}

/**
 * The column of `columns` an expression mentions first in SQLAlchemy's order, which walks the
 * expression tree breadth first: the least nested reference (fewest open parentheses), then
 * the leftmost. SQLAlchemy names an expression index after that column (`ix_posts_title` for
 * `lower(title)`). Null when the expression mentions none.
 */
export function firstReferencedColumn(sql: string, columns: readonly string[]): string | null {
  const tokens = tokenize(sql);
  let depth = 0;
  let found: string | null = null;
  let foundDepth = Infinity;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'punct' && token.text === '(') depth++;
    else if (token.kind === 'punct' && token.text === ')') depth--;
    else if (depth < foundDepth) {
      const column = columns.find((c) => isReference(tokens, i, c));
      if (column !== undefined) [found, foundDepth] = [column, depth];
    }
  }
  return found;
}
