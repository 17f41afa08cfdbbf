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
  const parts: string[] = [];
  let copied = 0;
  // Jumping from one quote or slash to the next keeps this linear in the file's length
  // without touching every character, which matters when thousands of files are scanned.
  const interesting = /["'`/]/g;
  let i = 0;
  while (i < text.length) {
    interesting.lastIndex = i;
    const found = interesting.exec(text);
    if (found === null) break;
    i = found.index;
    const c = text[i];
    if (c !== '/') {
      i = skipString(text, i);
      continue;
    }
    const next = text[i + 1];
    if (next !== '/' && next !== '*') {
      i++;
      continue;
    }
    let stop: number;
    if (next === '/') {
      const end = text.indexOf('\n', i + 2);
      stop = end === -1 ? text.length : end;
    } else {
      const end = text.indexOf('*/', i + 2);
      stop = end === -1 ? text.length : end + 2;
    }
    parts.push(text.slice(copied, i), blank(text, i, stop));
    copied = stop;
    i = stop;
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/** Spaces for text[start, stop), newlines kept. */
function blank(text: string, start: number, stop: number): string {
  let out = '';
  let from = start;
  for (;;) {
    const newline = text.indexOf('\n', from);
    if (newline === -1 || newline >= stop) return out + ' '.repeat(stop - from);
    out += `${' '.repeat(newline - from)}\n`;
    from = newline + 1;
  }
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
  // Runs without escapes are copied as one slice: a value built a character at a time is a
  // chain of tiny strings that every later Map lookup has to flatten first.
  let value = '';
  let runStart = start + 1;
  let i = runStart;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === quote) return { value: value + text.slice(runStart, i), end: i + 1 };
    if (c === '\n' && quote !== '`') return undefined;
    if (quote === '`' && c === '$' && text[i + 1] === '{') return undefined;
    if (c === '\\') {
      const next = text[i + 1] ?? '';
      value += text.slice(runStart, i) + (ESCAPES[next] ?? next);
      i += 2;
      runStart = i;
    } else {
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
