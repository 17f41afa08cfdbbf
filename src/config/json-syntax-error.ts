/**
 * Where a JSON text is broken and why, as line and column. `JSON.parse` cannot be trusted
 * for this: Node 20 gives no position for some errors ("Unexpected token '}', "{"a": }" is
 * not valid JSON") and quotes the source text, which may hold a database password. This
 * scanner walks the grammar only after `JSON.parse` has failed.
 */
export interface JsonSyntaxProblem {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  try {
    const end = new Scanner(text).document();
    if (end < text.length) throw new Stop(end, 'unexpected text after the JSON value');
    return undefined;
  } catch (stop) {
    if (!(stop instanceof Stop)) throw stop;
    const before = text.slice(0, stop.offset);
    const line = before.split('\n').length;
    const column = stop.offset - before.lastIndexOf('\n');
    return { line, column, reason: stop.reason };
  }
}

class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): number {
    this.value();
    this.whitespace();
    return this.pos;
  }

  private value(): void {
    this.whitespace();
    const c = this.text[this.pos];
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (!this.literal('true') && !this.literal('false') && !this.literal('null')) this.fail('expected a value');
  }

  private object(): void {
    this.pos++;
    this.whitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.whitespace();
      if (this.text[this.pos] !== '"') {
        const trailingComma = this.previousIs(',') ? ' (JSON allows no trailing comma)' : '';
        this.fail(`expected a double-quoted key${trailingComma}`);
      }
      this.string();
      this.whitespace();
      if (this.text[this.pos] !== ':') this.fail("expected ':' after the key");
      this.pos++;
      this.value();
      this.whitespace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === '}') return;
      if (c !== ',') this.fail("expected ',' or '}' after the value", this.pos - 1);
    }
  }

  private array(): void {
    this.pos++;
    this.whitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.whitespace();
      if (this.text[this.pos] === ']') this.fail('expected a value (JSON allows no trailing comma)');
      this.value();
      this.whitespace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === ']') return;
      if (c !== ',') this.fail("expected ',' or ']' after the value", this.pos - 1);
    }
  }

  private string(): void {
    this.pos++;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('unterminated string');
      else if (c === '"') {
        this.pos++;
        return;
      } else if (c < ' ') this.fail('control character in a string (write \\n or \\t)');
      else if (c === '\\') {
        const escape = /^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.exec(this.text.slice(this.pos, this.pos + 6));
        if (escape === null) this.fail('invalid escape in a string');
        this.pos += escape[0].length;
      } else this.pos++;
    }
  }

  private number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (match === null) this.fail('invalid number');
    this.pos += match[0].length;
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  private whitespace(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private previousIs(char: string): boolean {
    let i = this.pos - 1;
    while (i >= 0 && /[ \t\n\r]/.test(this.text[i] ?? '')) i--;
    return this.text[i] === char;
  }

  private fail(reason: string, offset = this.pos): never {
    if (offset >= this.text.length) throw new Stop(this.text.length, 'unexpected end of file');
    throw new Stop(offset, reason);
  }
}
