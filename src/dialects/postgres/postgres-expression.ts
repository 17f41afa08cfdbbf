/**
 * `canonicalExpression`: one spelling for the many ways an expression can be written, so a
 * CHECK or index expression from a model and the server's print of it (`length(title::text)
 * > 0` for `LENGTH(title) > 0`) meet in the middle. Both sides go through it: the model's
 * text in `normalizeExpression`, the server's in introspection.
 *
 * It parses and re-prints with minimal parentheses, lower-case keywords and the server's
 * rewrites applied (`IN (...)` as `= any (array[...])`, BETWEEN as two comparisons, LIKE for
 * `~~`), and drops the casts the server inserts on its own: to text-like types on columns,
 * literals and arrays, on number constants to number types, and on string literals to
 * non-builtin types (enums). A cast that usually changes meaning (`'1 day'::interval`,
 * `n::numeric`) is kept; `1::numeric / 3` does lose its cast, the price of meeting the
 * server's `0::numeric` for a plain `0`. The result is valid SQL that
 * canonicalizes to itself; text that does not parse is compared by its tokens instead.
 */
import { BP, parseExpression, type Expr } from './postgres-expression-parser.js';
import { ExpressionSyntaxError, tokenize, type Token } from './postgres-expression-lexer.js';
import { quoteIdentifier } from './postgres-quote.js';

const TEXT_TYPE = /^(text|character varying(\(\d+\))?|character(\(\d+\))?|bpchar|unknown)(\[\])*$/;
const NUMBER_TYPE = /^(integer|bigint|smallint|numeric(\(\d+(,\d+)?\))?|real|double precision)$/;
/** Builtin types whose casts on a string literal carry meaning and are kept. */
const MEANINGFUL_TYPES = new Set([
  'integer', 'bigint', 'smallint', 'numeric', 'real', 'double precision', 'boolean', 'date', 'interval',
  'time without time zone', 'time with time zone', 'timestamp without time zone', 'timestamp with time zone',
  'json', 'jsonb', 'uuid', 'bytea', 'inet', 'cidr', 'macaddr', 'money', 'oid', 'regclass', 'regtype', 'regproc',
  'tsvector', 'tsquery', 'point', 'bit', 'bit varying', 'xml', 'int4range', 'int8range', 'numrange', 'daterange',
  'tsrange', 'tstzrange',
]);

function baseTypeName(type: string): string {
  return type.replace(/\([^)]*\)/g, '').replace(/(\[\])+$/, '');
}

function isPlainStringLiteral(e: Expr): e is { readonly k: 'lit'; readonly text: string } {
  return e.k === 'lit' && e.text.startsWith("'");
}

function isNumberLiteral(e: Expr): boolean {
  if (e.k === 'sign') return isNumberLiteral(e.expr);
  return e.k === 'lit' && /^[\d.]/.test(e.text);
}

function simplifyCast(expr: Expr, type: string): Expr {
  if (isPlainStringLiteral(expr)) {
    const value = expr.text.slice(1, -1);
    if (NUMBER_TYPE.test(type) && /^-?\d+(\.\d+)?$/.test(value)) {
      return value.startsWith('-') ? { k: 'sign', op: '-', expr: { k: 'lit', text: value.slice(1) } } : { k: 'lit', text: value };
    }
    if (TEXT_TYPE.test(type) || !MEANINGFUL_TYPES.has(baseTypeName(type))) return expr;
  }
  if ((expr.k === 'col' || expr.k === 'array') && TEXT_TYPE.test(type)) return expr;
  // The server prints an implicit cast of a number constant (`price >= 0::numeric`).
  if (NUMBER_TYPE.test(type) && isNumberLiteral(expr)) return expr;
  return { k: 'cast', expr, type };
}

function simplify(e: Expr): Expr {
  switch (e.k) {
    case 'lit':
    case 'col':
    case 'kw':
      return e;
    case 'call':
      return { ...e, args: e.args.map(simplify) };
    case 'cast':
      return simplifyCast(simplify(e.expr), e.type);
    case 'sign': {
      const inner = simplify(e.expr);
      return e.op === '+' ? inner : { ...e, expr: inner };
    }
    case 'not':
    case 'post':
    case 'collate':
      return { ...e, expr: simplify(e.expr) };
    case 'bin':
    case 'quant':
      return { ...e, left: simplify(e.left), right: simplify(e.right) };
    case 'array':
    case 'row':
      return { ...e, items: e.items.map(simplify) };
    case 'case':
      return {
        k: 'case',
        arg: e.arg === null ? null : simplify(e.arg),
        whens: e.whens.map(([when, then]) => [simplify(when), simplify(then)] as const),
        otherwise: e.otherwise === null ? null : simplify(e.otherwise),
      };
    case 'sub':
      return { k: 'sub', expr: simplify(e.expr), index: simplify(e.index) };
  }
}

function functionName(parts: readonly string[]): string {
  return parts.map((p) => (/^[a-z_][a-z0-9_$]*$/.test(p) ? p : quoteIdentifier(p))).join('.');
}

function precedence(e: Expr): number {
  switch (e.k) {
    case 'cast': return BP.cast;
    case 'sign': return BP.sign;
    case 'not': return BP.not;
    case 'bin':
    case 'quant': return e.bp;
    case 'post': return BP.is;
    case 'collate': return BP.at;
    case 'sub': return BP.sub;
    default: return BP.atom;
  }
}

/** `e` printed where the parser needs at least `minBp`, in parentheses when it binds looser. */
function wrap(e: Expr, minBp: number): string {
  const text = print(e);
  return precedence(e) < minBp ? `(${text})` : text;
}

function print(e: Expr): string {
  switch (e.k) {
    case 'lit':
    case 'kw':
      return e.text;
    case 'col':
      return e.parts.map(quoteIdentifier).join('.');
    case 'call':
      return `${functionName(e.name)}(${e.star ? '*' : e.args.map(print).join(', ')})`;
    case 'cast':
      return `${wrap(e.expr, BP.cast)}::${e.type}`;
    case 'sign':
      return `${e.op}${wrap(e.expr, BP.sign)}`;
    case 'not':
      return `not ${wrap(e.expr, BP.not)}`;
    case 'bin':
      return `${wrap(e.left, e.bp)} ${e.op} ${wrap(e.right, e.bp + 1)}`;
    case 'quant':
      return `${wrap(e.left, e.bp)} ${e.op} ${e.quant} (${print(e.right)})`;
    case 'post':
      return `${wrap(e.expr, BP.is)} ${e.op}`;
    case 'collate':
      return `${wrap(e.expr, BP.at)} collate ${e.collation}`;
    case 'array':
      return `array[${e.items.map(print).join(', ')}]`;
    case 'row':
      return `row(${e.items.map(print).join(', ')})`;
    case 'case': {
      const arg = e.arg === null ? '' : ` ${print(e.arg)}`;
      const whens = e.whens.map(([when, then]) => ` when ${print(when)} then ${print(then)}`).join('');
      const otherwise = e.otherwise === null ? '' : ` else ${print(e.otherwise)}`;
      return `case${arg}${whens}${otherwise} end`;
    }
    case 'sub':
      return `${wrap(e.expr, BP.sub)}[${print(e.index)}]`;
  }
}

function tokenText(token: Token): string {
  return token.t === 'qid' ? quoteIdentifier(token.text) : token.text;
}

/** Outer parentheses around the whole token list, which never change the meaning. */
function stripOuterParens(tokens: readonly Token[]): readonly Token[] {
  let list = tokens;
  for (;;) {
    if (list.length < 2 || list[0]?.text !== '(' || list.at(-1)?.text !== ')') return list;
    let depth = 0;
    for (let i = 0; i < list.length; i++) {
      const token = list[i];
      if (token?.t === 'punct' && token.text === '(') depth += 1;
      if (token?.t === 'punct' && token.text === ')') depth -= 1;
      if (depth === 0 && i < list.length - 1) return list;
    }
    list = list.slice(1, -1);
  }
}

/** For what the parser does not cover: the same tokens with the same spacing. */
function tokenCanonical(sql: string): string {
  let tokens: Token[];
  try {
    tokens = tokenize(sql);
  } catch {
    return sql.trim().replace(/\s+/g, ' ');
  }
  return stripOuterParens(tokens)
    .map(tokenText)
    .join(' ')
    .replace(/ ?(::|\.) ?/g, '$1')
    .replace(/([([]) /g, '$1')
    .replace(/ ([)\],])/g, '$1');
}

export function canonicalExpression(sql: string): string {
  try {
    return print(simplify(parseExpression(sql)));
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return tokenCanonical(sql);
    throw error;
  }
}
