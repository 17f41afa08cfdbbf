/**
 * A parser for the scalar expressions that appear in CHECK constraints, index elements and
 * partial-index predicates. Precedence follows PostgreSQL's grammar (gram.y, 9.5+), so an
 * expression written with extra parentheses and the server's own fully parenthesized print
 * parse to the same tree. Subqueries, window functions and other statements-in-expressions
 * are rejected (ExpressionSyntaxError): callers fall back to a textual comparison.
 */
import { ExpressionSyntaxError, tokenize, type Token } from './postgres-expression-lexer.js';
import { quoteIdentifier } from './postgres-quote.js';
import { formatTypeSpelling } from './postgres-types.js';

export type Expr =
  | { readonly k: 'lit'; readonly text: string }
  | { readonly k: 'col'; readonly parts: readonly string[] }
  | { readonly k: 'kw'; readonly text: string }
  | { readonly k: 'call'; readonly name: readonly string[]; readonly args: readonly Expr[]; readonly star: boolean }
  | { readonly k: 'cast'; readonly expr: Expr; readonly type: string }
  | { readonly k: 'sign'; readonly op: string; readonly expr: Expr }
  | { readonly k: 'not'; readonly expr: Expr }
  | { readonly k: 'bin'; readonly op: string; readonly bp: number; readonly left: Expr; readonly right: Expr }
  | { readonly k: 'post'; readonly op: string; readonly expr: Expr }
  | { readonly k: 'quant'; readonly op: string; readonly bp: number; readonly quant: string; readonly left: Expr; readonly right: Expr }
  | { readonly k: 'array'; readonly items: readonly Expr[] }
  | { readonly k: 'row'; readonly items: readonly Expr[] }
  | { readonly k: 'case'; readonly arg: Expr | null; readonly whens: readonly (readonly [Expr, Expr])[]; readonly otherwise: Expr | null }
  | { readonly k: 'sub'; readonly expr: Expr; readonly index: Expr }
  | { readonly k: 'collate'; readonly expr: Expr; readonly collation: string };

/** Binding powers, loosest first (gram.y's precedence table). */
export const BP = { or: 1, and: 2, not: 3, is: 4, cmp: 5, like: 6, op: 7, add: 8, mul: 9, exp: 10, at: 11, sign: 12, cast: 13, sub: 14, atom: 100 } as const;

const COMPARISON = new Set(['=', '<', '>', '<=', '>=', '<>', '!=']);
const LIKE_OPERATORS: Readonly<Record<string, string>> = { '~~': 'like', '~~*': 'ilike', '!~~': 'not like', '!~~*': 'not ilike' };
const VALUE_FUNCTIONS = new Set([
  'current_timestamp', 'current_date', 'current_time', 'localtimestamp', 'localtime',
  'current_user', 'current_role', 'session_user', 'current_catalog', 'current_schema', 'user',
]);
const TYPED_LITERAL_WORDS = new Set([
  'interval', 'date', 'time', 'timestamp', 'timestamptz', 'timetz', 'bool', 'boolean', 'int', 'integer', 'int2',
  'int4', 'int8', 'bigint', 'smallint', 'numeric', 'decimal', 'real', 'float4', 'float8', 'text', 'varchar',
  'json', 'jsonb', 'uuid', 'inet', 'cidr', 'bytea',
]);

class Parser {
  private pos = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private next(): Token {
    const token = this.tokens[this.pos];
    if (token === undefined) throw new ExpressionSyntaxError('unexpected end of expression');
    this.pos += 1;
    return token;
  }

  private is(t: Token['t'], text?: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token !== undefined && token.t === t && (text === undefined || token.text === text);
  }

  private expect(t: Token['t'], text: string): void {
    if (!this.is(t, text)) throw new ExpressionSyntaxError(`expected ${text}`);
    this.pos += 1;
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  parseExpr(minBp = 0): Expr {
    let left = this.parsePrefix();
    for (;;) {
      const next = this.parseInfix(left, minBp);
      if (next === null) return left;
      left = next;
    }
  }

  private parseList(close: string): Expr[] {
    const items: Expr[] = [];
    if (this.is('punct', close)) {
      this.pos += 1;
      return items;
    }
    for (;;) {
      items.push(this.is('punct', '[') ? this.parseArrayBody() : this.parseExpr());
      if (this.is('punct', ',')) {
        this.pos += 1;
        continue;
      }
      this.expect('punct', close);
      return items;
    }
  }

  private parseArrayBody(): Expr {
    this.expect('punct', '[');
    return { k: 'array', items: this.parseList(']') };
  }

  private parsePrefix(): Expr {
    const token = this.next();
    switch (token.t) {
      case 'str':
      case 'num':
      case 'param':
        return { k: 'lit', text: token.text };
      case 'op':
        if (token.text === '-' || token.text === '+') return { k: 'sign', op: token.text, expr: this.parseExpr(BP.sign) };
        throw new ExpressionSyntaxError(`unexpected operator ${token.text}`);
      case 'punct': {
        if (token.text !== '(') throw new ExpressionSyntaxError(`unexpected ${token.text}`);
        const inner = this.parseExpr();
        if (this.is('punct', ',')) {
          this.pos += 1;
          return { k: 'row', items: [inner, ...this.parseList(')')] };
        }
        this.expect('punct', ')');
        return inner;
      }
      case 'qid':
        return this.parseName(token.text);
      case 'word':
        return this.parseWord(token.text);
    }
  }

  private parseWord(word: string): Expr {
    if (word === 'true' || word === 'false' || word === 'null') return { k: 'lit', text: word };
    if (word === 'not') return { k: 'not', expr: this.parseExpr(BP.not) };
    if (word === 'case') return this.parseCase();
    if (word === 'array' && this.is('punct', '[')) return this.parseArrayBody();
    if (word === 'row' && this.is('punct', '(')) {
      this.pos += 1;
      return { k: 'row', items: this.parseList(')') };
    }
    if (word === 'cast' && this.is('punct', '(')) {
      this.pos += 1;
      const expr = this.parseExpr();
      this.expect('word', 'as');
      const type = this.parseTypeName();
      this.expect('punct', ')');
      return { k: 'cast', expr, type };
    }
    if (['exists', 'select', 'values', 'with'].includes(word)) throw new ExpressionSyntaxError('subqueries are not compared');
    if (VALUE_FUNCTIONS.has(word) && !this.is('punct', '.')) return this.parseValueFunction(word);
    if (TYPED_LITERAL_WORDS.has(word) && this.is('str')) {
      return { k: 'cast', expr: { k: 'lit', text: this.next().text }, type: formatTypeSpelling(word) };
    }
    if (word === 'double' && this.is('word', 'precision') && this.is('str', undefined, 1)) {
      this.pos += 1;
      return { k: 'cast', expr: { k: 'lit', text: this.next().text }, type: 'double precision' };
    }
    return this.parseName(word);
  }

  private parseValueFunction(word: string): Expr {
    const name = word === 'user' ? 'current_user' : word;
    if (this.is('punct', '(') && this.is('num', undefined, 1) && this.is('punct', ')', 2)) {
      const precision = this.peek(1)?.text ?? '';
      this.pos += 3;
      return { k: 'kw', text: `${name}(${precision})` };
    }
    return { k: 'kw', text: name };
  }

  private parseName(first: string): Expr {
    const parts = [first];
    while (this.is('punct', '.') && (this.is('word', undefined, 1) || this.is('qid', undefined, 1))) {
      this.pos += 1;
      parts.push(this.next().text);
    }
    if (!this.is('punct', '(')) return { k: 'col', parts };
    this.pos += 1;
    if (this.is('op', '*') && this.is('punct', ')', 1)) {
      this.pos += 2;
      return { k: 'call', name: parts, args: [], star: true };
    }
    if (this.is('word', 'distinct')) throw new ExpressionSyntaxError('aggregates are not compared');
    const args = this.parseList(')');
    if (this.is('word', 'over') || this.is('word', 'filter')) throw new ExpressionSyntaxError('window functions are not compared');
    return { k: 'call', name: parts, args, star: false };
  }

  private parseCase(): Expr {
    const arg = this.is('word', 'when') ? null : this.parseExpr();
    const whens: [Expr, Expr][] = [];
    while (this.is('word', 'when')) {
      this.pos += 1;
      const condition = this.parseExpr();
      this.expect('word', 'then');
      whens.push([condition, this.parseExpr()]);
    }
    let otherwise: Expr | null = null;
    if (this.is('word', 'else')) {
      this.pos += 1;
      otherwise = this.parseExpr();
    }
    this.expect('word', 'end');
    return { k: 'case', arg, whens, otherwise };
  }

  /** A type name after `::` or `AS`, in `format_type()` spelling. */
  parseTypeName(): string {
    const first = this.next();
    if (first.t !== 'word' && first.t !== 'qid') throw new ExpressionSyntaxError('expected a type name');
    const parts = [first.t === 'qid' ? quoteIdentifier(first.text) : first.text];
    let words = first.t === 'word';
    while (this.is('punct', '.')) {
      this.pos += 1;
      const part = this.next();
      if (part.t !== 'word' && part.t !== 'qid') throw new ExpressionSyntaxError('expected a type name');
      parts.push(part.t === 'qid' ? quoteIdentifier(part.text) : part.text);
      words = false;
    }
    let name = parts.join('.');
    if (words) {
      for (const word of ['precision', 'varying', 'with', 'without', 'time', 'zone']) {
        while (this.is('word', word)) name += ` ${this.next().text}`;
      }
    }
    const modifier = this.is('punct', '(') ? this.parseTypeModifier() : '';
    let arrays = '';
    while (this.is('punct', '[')) {
      this.pos += 1;
      if (this.is('num')) this.pos += 1;
      this.expect('punct', ']');
      arrays += '[]';
    }
    return words ? formatTypeSpelling(`${name}${modifier}${arrays}`) : `${name}${modifier}${arrays}`;
  }

  /** `(10,2)`, `(Point, 4326)`: numbers and words only, as format_type prints them. */
  private parseTypeModifier(): string {
    this.expect('punct', '(');
    const items: string[] = [];
    for (;;) {
      const item = this.next();
      if (item.t !== 'num' && item.t !== 'word') throw new ExpressionSyntaxError('unsupported type modifier');
      items.push(item.text);
      if (this.is('punct', ')')) {
        this.pos += 1;
        return `(${items.join(',')})`;
      }
      this.expect('punct', ',');
    }
  }

  private parseInfix(left: Expr, minBp: number): Expr | null {
    const token = this.peek();
    if (token === undefined) return null;
    if (token.t === 'punct') return this.parsePunctInfix(left, token.text, minBp);
    if (token.t === 'op') return this.parseOperator(left, token.text, minBp);
    if (token.t === 'word') return this.parseWordInfix(left, token.text, minBp);
    return null;
  }

  private parsePunctInfix(left: Expr, text: string, minBp: number): Expr | null {
    if (text === '::' && BP.cast >= minBp) {
      this.pos += 1;
      return { k: 'cast', expr: left, type: this.parseTypeName() };
    }
    if (text === '[' && BP.sub >= minBp) {
      this.pos += 1;
      const index = this.parseExpr();
      this.expect('punct', ']');
      return { k: 'sub', expr: left, index };
    }
    return null;
  }

  private parseOperator(left: Expr, text: string, minBp: number): Expr | null {
    const like = LIKE_OPERATORS[text];
    const op = like ?? (text === '!=' ? '<>' : text);
    const bp = like !== undefined ? BP.like
      : COMPARISON.has(text) ? BP.cmp
      : text === '+' || text === '-' ? BP.add
      : text === '*' || text === '/' || text === '%' ? BP.mul
      : text === '^' ? BP.exp
      : BP.op;
    if (bp < minBp) return null;
    this.pos += 1;
    const quant = this.peek();
    if (quant?.t === 'word' && ['any', 'all', 'some'].includes(quant.text) && this.is('punct', '(', 1)) {
      this.pos += 2;
      const right = this.parseExpr();
      this.expect('punct', ')');
      return { k: 'quant', op, bp, quant: quant.text === 'some' ? 'any' : quant.text, left, right };
    }
    return { k: 'bin', op, bp, left, right: this.parseExpr(bp + 1) };
  }

  private parseWordInfix(left: Expr, word: string, minBp: number): Expr | null {
    if (word === 'or' || word === 'and') {
      const bp = word === 'or' ? BP.or : BP.and;
      if (bp < minBp) return null;
      this.pos += 1;
      return { k: 'bin', op: word, bp, left, right: this.parseExpr(bp + 1) };
    }
    if ((word === 'is' || word === 'isnull' || word === 'notnull') && BP.is >= minBp) {
      this.pos += 1;
      return this.parseIs(left, word);
    }
    if (word === 'collate' && BP.at >= minBp) {
      this.pos += 1;
      const name = this.next();
      return { k: 'collate', expr: left, collation: name.t === 'qid' ? quoteIdentifier(name.text) : name.text };
    }
    if (word === 'at' && this.is('word', 'time', 1) && this.is('word', 'zone', 2) && BP.at >= minBp) {
      this.pos += 3;
      return { k: 'bin', op: 'at time zone', bp: BP.at, left, right: this.parseExpr(BP.at + 1) };
    }
    const negated = word === 'not';
    const keyword = negated ? this.peek(1) : this.peek();
    if (keyword?.t !== 'word' || !['like', 'ilike', 'in', 'between', 'similar'].includes(keyword.text) || BP.like < minBp) return null;
    this.pos += negated ? 2 : 1;
    return this.parsePredicate(left, keyword.text, negated);
  }

  private parseIs(left: Expr, word: string): Expr {
    if (word !== 'is') return { k: 'post', op: word === 'isnull' ? 'is null' : 'is not null', expr: left };
    const not = this.is('word', 'not') ? (this.pos += 1, ' not') : '';
    const what = this.next();
    if (what.t === 'word' && ['null', 'true', 'false', 'unknown'].includes(what.text)) {
      return { k: 'post', op: `is${not} ${what.text}`, expr: left };
    }
    if (what.t === 'word' && what.text === 'distinct') {
      this.expect('word', 'from');
      return { k: 'bin', op: `is${not} distinct from`, bp: BP.is, left, right: this.parseExpr(BP.is + 1) };
    }
    throw new ExpressionSyntaxError('unsupported IS predicate');
  }

  private parsePredicate(left: Expr, keyword: string, negated: boolean): Expr {
    if (keyword === 'in') {
      this.expect('punct', '(');
      const items = this.parseList(')');
      const right: Expr = { k: 'array', items };
      return negated
        ? { k: 'quant', op: '<>', bp: BP.cmp, quant: 'all', left, right }
        : { k: 'quant', op: '=', bp: BP.cmp, quant: 'any', left, right };
    }
    if (keyword === 'between') {
      const low = this.parseExpr(BP.like + 1);
      this.expect('word', 'and');
      const high = this.parseExpr(BP.like + 1);
      return negated
        ? { k: 'bin', op: 'or', bp: BP.or, left: cmp('<', left, low), right: cmp('>', left, high) }
        : { k: 'bin', op: 'and', bp: BP.and, left: cmp('>=', left, low), right: cmp('<=', left, high) };
    }
    if (keyword === 'similar') this.expect('word', 'to');
    const op = `${negated ? 'not ' : ''}${keyword === 'similar' ? 'similar to' : keyword}`;
    const right = this.parseExpr(BP.like + 1);
    if (this.is('word', 'escape')) throw new ExpressionSyntaxError('LIKE ... ESCAPE is not compared');
    return { k: 'bin', op, bp: BP.like, left, right };
  }
}

function cmp(op: string, left: Expr, right: Expr): Expr {
  return { k: 'bin', op, bp: BP.cmp, left, right };
}

/** Parse a whole expression, or throw ExpressionSyntaxError. */
export function parseExpression(sql: string): Expr {
  const parser = new Parser(tokenize(sql));
  const expr = parser.parseExpr();
  if (!parser.atEnd()) throw new ExpressionSyntaxError('unexpected text after the expression');
  return expr;
}
