/**
 * `op.execute(sql\`... ${value}\`)` records `$1`, `$2`, ... placeholders for every dialect;
 * better-sqlite3 takes positional `?` only, so each `$N` becomes `?` with its value moved
 * into place (a `$N` used twice passes its value twice). Literals and comments are left alone.
 */
import { tokenize } from '../common/sql-tokens.js';

export function positionalParams(sql: string, params: readonly unknown[]): { sql: string; params: unknown[] } {
  if (params.length === 0) return { sql, params: [] };
  const ordered: unknown[] = [];
  let numbered = false;
  const text = tokenize(sql)
    .map((token) => {
      const match = token.kind === 'word' ? /^\$(\d+)$/.exec(token.text) : null;
      if (match === null) return token.text;
      numbered = true;
      ordered.push(params[Number(match[1]) - 1]);
      return '?';
    })
    .join('');
  // SQL already written with `?` (a hand-built ExecuteOp) keeps its parameters as they are.
  return numbered ? { sql: text, params: ordered } : { sql, params: [...params] };
}
