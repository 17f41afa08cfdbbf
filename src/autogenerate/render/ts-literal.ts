/**
 * TypeScript literals for generated revision files: single-quoted strings, `sql` templates,
 * object keys and plain values, spelled so that the same input always gives the same bytes.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

const isControl = (code: number): boolean => code < 0x20 || code === 0x7f;

export function str(value: string): string {
  let body = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    body += ESCAPES[ch] ?? (isControl(code) ? `\\u${code.toString(16).padStart(4, '0')}` : ch);
  }
  return `'${body}'`;
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : str(name);
}

/** The text inside a template literal whose cooked value is `text`. */
function templateBody(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** `sql\`...\``, with `parts` between interpolated values (rendered source) when given. */
export function sqlTemplate(text: string, values: readonly string[] = [], parts?: readonly string[]): string {
  if (parts === undefined) return `sql\`${templateBody(text)}\``;
  let out = templateBody(parts[0] ?? '');
  values.forEach((value, i) => {
    out += `\${${value}}${templateBody(parts[i + 1] ?? '')}`;
  });
  return `sql\`${out}\``;
}

/** A JavaScript value as source: what `bulkInsert` rows and `execute` parameters hold. */
export function valueLiteral(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `Number(${str(String(value))})`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return `new Date(${str(value.toISOString())})`;
  if (value instanceof Uint8Array) return `Buffer.from(${str(Buffer.from(value).toString('base64'))}, 'base64')`;
  if (Array.isArray(value)) return `[${value.map(valueLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${key(k)}: ${valueLiteral(v)}`).join(', ')} }`;
  }
  return str(String(value));
}

/** A string list: `['a', 'b']`. */
export function strList(values: readonly string[]): string {
  return `[${values.map(str).join(', ')}]`;
}
