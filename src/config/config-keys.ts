/**
 * The one list of config keys. `loadConfig` validates against it; a unit test holds
 * `alembic.config.example.json` and `alembic.config.schema.json` to exactly these keys, shapes,
 * defaults and descriptions, so the three cannot drift apart.
 *
 * Shapes are a small subset of JSON Schema, so the editor schema is the shapes themselves.
 */
export type ValueShape =
  | { readonly type: 'string'; readonly minLength?: number; readonly description?: string }
  | { readonly type: 'boolean'; readonly description?: string }
  | { readonly type: 'integer'; readonly minimum?: number; readonly description?: string }
  | { readonly type: 'null'; readonly description?: string }
  | { readonly type: 'array'; readonly items: ValueShape; readonly description?: string }
  | {
      readonly type: 'object';
      readonly properties: Readonly<Record<string, ValueShape>>;
      readonly required?: readonly string[];
      readonly additionalProperties: false;
      readonly description?: string;
    }
  | { readonly anyOf: readonly ValueShape[]; readonly description?: string };

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface ConfigKey {
  readonly name: string;
  readonly shape: ValueShape;
  /** `null` stands for "none" where the table in SPEC.md says so (url, versionTableSchema). */
  readonly default: JsonValue;
  readonly description: string;
}

/** Tokens `fileTemplate` may use; anything else in braces is a typo. */
export const FILE_TEMPLATE_TOKENS = ['rev', 'slug', 'year', 'month', 'day', 'hour', 'minute', 'second', 'epoch'] as const;

const str: ValueShape = { type: 'string' };
const nonEmpty: ValueShape = { type: 'string', minLength: 1 };
const bool: ValueShape = { type: 'boolean' };
const strings: ValueShape = { type: 'array', items: str };
const orNull = (shape: ValueShape): ValueShape => ({ anyOf: [shape, { type: 'null' }] });

export const CONFIG_KEYS: readonly ConfigKey[] = [
  {
    name: 'scriptLocation',
    shape: nonEmpty,
    default: 'migrations',
    description: 'Folder with script.ts.tmpl and versions/, relative to this file.',
  },
  {
    name: 'url',
    shape: orNull(str),
    default: null,
    description:
      'Database URL (sqlite:///app.db, postgresql://user:pass@host:5432/db). ${VAR} and ${VAR:-fallback} are read from the environment; --url overrides.',
  },
  {
    name: 'models',
    shape: { anyOf: [str, strings] },
    default: [],
    description:
      'Module path or list of paths, relative to this file; every exported table and MetaData is the target schema of autogenerate and check.',
  },
  {
    name: 'versionTable',
    shape: nonEmpty,
    default: 'alembic_version',
    description: 'Name of the table that records the applied revision(s).',
  },
  {
    name: 'versionTableSchema',
    shape: orNull(nonEmpty),
    default: null,
    description: 'PostgreSQL schema of the version table; null for the default schema.',
  },
  {
    name: 'versionLocations',
    shape: orNull(strings),
    default: null,
    description: 'Folders that hold revision files, relative to this file; null means <scriptLocation>/versions.',
  },
  {
    name: 'fileTemplate',
    shape: nonEmpty,
    default: '{rev}_{slug}',
    description: `Name of new revision files; tokens ${FILE_TEMPLATE_TOKENS.map((t) => `{${t}}`).join(' ')} (date tokens zero-padded, in timezone).`,
  },
  {
    name: 'truncateSlugLength',
    shape: { type: 'integer', minimum: 1 },
    default: 40,
    description: 'Longest slug taken from the revision message.',
  },
  {
    name: 'timezone',
    shape: nonEmpty,
    default: 'UTC',
    description: 'IANA time zone of the Create Date header and the date tokens of fileTemplate.',
  },
  {
    name: 'compareType',
    shape: bool,
    default: true,
    description: 'Autogenerate compares column types.',
  },
  {
    name: 'compareServerDefault',
    shape: bool,
    default: true,
    description: 'Autogenerate compares server defaults (normalized per dialect).',
  },
  {
    name: 'include',
    shape: {
      type: 'object',
      additionalProperties: false,
      properties: {
        schemas: { ...strings, description: 'Named schemas to compare besides the default one.' },
        tables: { ...strings, description: 'Only tables matching one of these globs (* and ?; "schema.table" also matches).' },
        excludeTables: { ...strings, description: 'Tables matching one of these globs are ignored.' },
      },
    },
    default: {},
    description: 'Which schemas and tables autogenerate and check look at.',
  },
  {
    name: 'transactionPerMigration',
    shape: bool,
    default: true,
    description: 'One transaction per revision; false runs the whole upgrade or downgrade in one.',
  },
  {
    name: 'postWriteHooks',
    shape: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['command'],
        properties: { command: { ...nonEmpty, description: 'Shell command; {file} is the new revision file.' } },
      },
    },
    default: [],
    description: 'Commands run on each new revision file, e.g. npx prettier --write {file}.',
  },
];

/** Keys that may appear in the file but mean nothing to the tool. */
export function isIgnoredKey(key: string): boolean {
  return key === '$schema' || key.startsWith('$comment');
}
