/**
 * Just enough of a JavaScript tokenizer to read a revision file's header values without
 * running the file: strings, string arrays, null/undefined and booleans.
 */
export type HeaderLiteral = string | boolean | null | readonly string[];

/**
 * The text with every comment replaced by spaces (newlines kept), so positions stay the
 * same and a commented-out `export const revision = ...` is not mistaken for the real one.
 */
export function maskComments(text: string): string {
  const out = text.split('');
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') out[i++] = ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      for (; i < stop; i++) if (text[i] !== '\n') out[i] = ' ';
    } else {
      i++;
    }
  }
  return out.join('');
}

function skipString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) {
    if (text[i] === '\\') i++;
    else if (text[i] === '\n' && quote !== '`') return i;
    i++;
  }
  return i + 1;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '0': '\0', b: '\b', f: '\f', v: '\v' };

function readString(text: string, start: number): { value: string; end: number } | undefined {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === quote) return { value, end: i + 1 };
    if (c === '\n' && quote !== '`') return undefined;
    if (quote === '`' && c === '$' && text[i + 1] === '{') return undefined;
    if (c === '\\') {
      const next = text[i + 1] ?? '';
      value += ESCAPES[next] ?? next;
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  return undefined;
}

function skipSpace(text: string, start: number): number {
  let i = start;
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

function readArray(text: string, start: number): { value: string[]; end: number } | undefined {
  const value: string[] = [];
  let i = skipSpace(text, start + 1);
  while (text[i] !== ']') {
    const c = text[i];
    if (c !== '"' && c !== "'" && c !== '`') return undefined;
    const item = readString(text, i);
    if (item === undefined) return undefined;
    value.push(item.value);
    i = skipSpace(text, item.end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
    else if (text[i] !== ']') return undefined;
  }
  return { value, end: i + 1 };
}

const WORDS: ReadonlyMap<string, HeaderLiteral> = new Map<string, HeaderLiteral>([
  ['null', null],
  ['undefined', null],
  ['true', true],
  ['false', false],
]);

function readValue(text: string, start: number): { value: HeaderLiteral; end: number } | undefined {
  const c = text[start];
  if (c === '"' || c === "'" || c === '`') return readString(text, start);
  if (c === '[') return readArray(text, start);
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(start, start + 20))?.[0];
  if (word === undefined || !WORDS.has(word)) return undefined;
  return { value: WORDS.get(word) as HeaderLiteral, end: start + word.length };
}

/**
 * Reads the literal that starts at `start` (after the `=`) in comment-masked text. Returns
 * undefined when the initializer is anything else (`makeId()`, `'a' + b`, a variable).
 */
export function parseLiteral(text: string, start: number): HeaderLiteral | undefined {
  const found = readValue(text, skipSpace(text, start));
  if (found === undefined) return undefined;
  let i = found.end;
  const tail = /^[ \t]*(?:as[ \t]+const\b)?[ \t]*/.exec(text.slice(i));
  i += tail?.[0].length ?? 0;
  const next = text[i];
  if (next === undefined || next === ';' || next === '\n' || next === '\r') return found.value;
  return undefined;
}
