/**
 * What the TypeScript types promise, checked at run time for callers from plain JavaScript:
 * a missing or mistyped argument is a usage error (exit code 2, as the CLI's), not a
 * TypeError from deep inside the runner.
 */
import { AlembicError } from '../errors.js';

function usage(fn: string, message: string, hint: string): AlembicError {
  return new AlembicError('E_API_ARGUMENT', `${fn}: ${message}`, { exitCode: 2, hint });
}

/** The target of `downgrade` (required, as on the CLI). */
export function requiredTarget(fn: string, target: unknown, name = 'target'): string {
  if (typeof target === 'string' && target.trim() !== '') return target;
  throw usage(fn, `option "${name}" is required (a string)`, `e.g. ${fn}({ ${name}: '${name === 'target' ? '-1' : 'head'}' }), or 'base', or a revision id`);
}

/** `stamp`'s and `merge`'s revisions: one id (as Alembic's `command.stamp` takes) or a list. */
export function revisionList(fn: string, revisions: unknown): readonly string[] {
  const list: readonly unknown[] = typeof revisions === 'string' ? [revisions] : Array.isArray(revisions) ? revisions : [];
  if (list.length > 0 && list.every((r) => typeof r === 'string' && r.trim() !== '')) return list as readonly string[];
  throw usage(fn, 'option "revisions" must be a revision id or a non-empty list of them', `e.g. ${fn}({ revisions: ['head'] })`);
}

type Kind = 'string' | 'boolean' | 'number' | 'function' | 'strings' | 'stringRecord';

const DESCRIBE: Readonly<Record<Kind, string>> = {
  string: 'a string',
  boolean: 'true or false',
  number: 'a number >= 0',
  function: 'a function',
  strings: 'a list of strings',
  stringRecord: 'an object of string values',
};

function matches(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && value >= 0;
    case 'function':
      return typeof value === 'function';
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'stringRecord':
      return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
  }
}

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? `${typeof value} ${JSON.stringify(value)}` : typeof value;
}

/** The options every API function takes (RunOptions). */
const RUN_OPTIONS: Readonly<Record<string, Kind>> = {
  config: 'string',
  url: 'string',
  x: 'stringRecord',
  lockTimeoutMs: 'number',
  cwd: 'string',
  onProgress: 'function',
};

/**
 * The options object of `fn`: undefined is `{}`; anything but an object, or an option of the
 * wrong type (the common ones and `own`), is a usage error naming it.
 */
export function checkOptions<T extends object>(fn: string, options: T | undefined, own: Readonly<Record<string, Kind>> = {}): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw usage(fn, `the options must be an object, got ${shown(options)}`, `e.g. ${fn}({ config: 'alembic.config.json' })`);
  }
  const values = options as Readonly<Record<string, unknown>>;
  for (const [name, kind] of Object.entries({ ...RUN_OPTIONS, ...own })) {
    const value = values[name];
    if (value !== undefined && !matches(kind, value)) {
      throw usage(fn, `option "${name}" must be ${DESCRIBE[kind]}, got ${shown(value)}`, 'see the README, section "Programmatic API"');
    }
  }
  return options;
}
