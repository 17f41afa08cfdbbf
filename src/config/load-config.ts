/**
 * Finds, reads and validates `alembic.config.json`. Every problem is a one-line ConfigError
 * (exit 2) that names the file and the key, so a user can fix it without reading a stack.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AlembicError, ConfigError } from '../errors.js';
import type { Config } from './config.js';
import { CONFIG_KEYS, FILE_TEMPLATE_TOKENS, type ValueShape } from './config-keys.js';
import { interpolateEnv, type Environment } from './interpolate-env.js';
import { findJsonSyntaxError } from './json-syntax-error.js';
import { parseDatabaseUrl } from './parse-url.js';
import type { DatabaseUrl } from './url.js';
import { validateShape } from './validate-shape.js';

export const CONFIG_FILE_NAME = 'alembic.config.json';

export interface LoadConfigOptions {
  /** The `-c/--config` flag; relative to `cwd`. A folder means `<folder>/alembic.config.json`. */
  readonly configPath?: string;
  readonly cwd?: string;
  /** For `ALEMBIC_CONFIG` and `${VAR}` in the url; defaults to `process.env`. */
  readonly env?: Environment;
  /** The `--url` flag: replaces the file's url (which is then not interpolated). */
  readonly url?: string;
}

const TOP_LEVEL: ValueShape = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(CONFIG_KEYS.map((key) => [key.name, key.shape])),
};

export function loadConfig(options: LoadConfigOptions = {}): Config {
  checkLoadOptions(options);
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const file = findConfigFile(cwd, options.configPath, env);
  const raw = parseJson(readConfigFile(file), file);
  validateShape(raw, TOP_LEVEL, '', file);
  const values = withDefaults(raw as Record<string, unknown>);
  const directory = dirname(file);
  const at = (path: string): string => resolve(directory, path);

  const fileTemplate = values['fileTemplate'] as string;
  checkFileTemplate(fileTemplate, file);
  const timezone = values['timezone'] as string;
  checkTimezone(timezone, file);

  const scriptLocation = at(values['scriptLocation'] as string);
  const models = values['models'] as string | string[];
  const versionLocations = values['versionLocations'] as string[] | null;
  const include = values['include'] as { schemas?: string[]; tables?: string[]; excludeTables?: string[] };
  const fileUrl = values['url'] as string | null;
  return {
    file,
    directory,
    scriptLocation,
    url: options.url ?? (fileUrl === null ? null : interpolateEnv(fileUrl, env, 'url', file)),
    models: (typeof models === 'string' ? [models] : models).map(at),
    versionTable: values['versionTable'] as string,
    versionTableSchema: values['versionTableSchema'] as string | null,
    versionLocations: versionLocations === null ? [join(scriptLocation, 'versions')] : versionLocations.map(at),
    fileTemplate,
    truncateSlugLength: values['truncateSlugLength'] as number,
    timezone,
    compareType: values['compareType'] as boolean,
    compareServerDefault: values['compareServerDefault'] as boolean,
    include: {
      schemas: include.schemas ?? null,
      tables: include.tables ?? null,
      excludeTables: include.excludeTables ?? [],
    },
    transactionPerMigration: values['transactionPerMigration'] as boolean,
    postWriteHooks: (values['postWriteHooks'] as { command: string }[]).map((hook) => ({ command: hook.command })),
  };
}

/** For callers from plain JavaScript: a usage error naming the option, not a TypeError from node:path. */
function checkLoadOptions(options: LoadConfigOptions): void {
  const fail = (message: string): never => {
    throw new AlembicError('E_API_ARGUMENT', `loadConfig: ${message}`, { exitCode: 2, hint: "e.g. loadConfig({ configPath: 'alembic.config.json' })" });
  };
  if (typeof options !== 'object' || options === null) fail('the options must be an object');
  for (const name of ['configPath', 'cwd', 'url'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'string') fail(`option "${name}" must be a string`);
  }
  if (options.env !== undefined && (typeof options.env !== 'object' || options.env === null)) fail('option "env" must be an object');
}

/** The database URL, parsed; for commands that connect (or render SQL for a dialect). */
export function requireUrl(config: Config): DatabaseUrl {
  if (config.url === null || config.url.trim() === '') {
    throw new ConfigError(
      'E_CONFIG_NO_URL',
      `no database URL: set "url" in ${config.file}, pass --url, ` +
        'or use "url": "${DATABASE_URL}" to read it from the environment',
    );
  }
  return parseDatabaseUrl(config.url, config.directory);
}

/** The model modules; for autogenerate and check. */
export function requireModels(config: Config): readonly string[] {
  if (config.models.length === 0) {
    throw new ConfigError('E_CONFIG_NO_MODELS', `no models: set "models" in ${config.file} (e.g. "src/models.ts")`);
  }
  // `init` points "models" at src/models.ts before the user has written it.
  const missing = config.models.find((path) => !existsSync(path));
  if (missing !== undefined) {
    throw new ConfigError('E_CONFIG_MODELS_MISSING', `"models" in ${config.file} names ${missing}, which does not exist`, {
      hint: 'write your tables there (see the README), or point "models" at the module that exports them',
    });
  }
  return config.models;
}

function findConfigFile(cwd: string, configPath: string | undefined, env: Environment): string {
  const envPath = env['ALEMBIC_CONFIG'];
  const given = configPath ?? (envPath === undefined || envPath === '' ? undefined : envPath);
  const source = configPath !== undefined ? ' (from -c/--config)' : given !== undefined ? ' (from ALEMBIC_CONFIG)' : '';
  const candidate = resolve(cwd, given ?? CONFIG_FILE_NAME);
  const file = isDirectory(candidate) ? join(candidate, CONFIG_FILE_NAME) : candidate;
  if (!isFile(file)) {
    throw new ConfigError(
      'E_CONFIG_NOT_FOUND',
      `no config file at ${file}${source}: run "alembic-ts init" to create one, or pass -c PATH`,
    );
  }
  return file;
}

function readConfigFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'read error';
    throw new ConfigError('E_CONFIG_READ', `cannot read config file ${file} (${reason})`, { cause: error });
  }
}

function parseJson(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch {
    const problem = findJsonSyntaxError(body);
    const where = problem === undefined ? '' : ` at line ${problem.line}, column ${problem.column}: ${problem.reason}`;
    throw new ConfigError('E_CONFIG_JSON', `invalid JSON in ${file}${where}`);
  }
}

function withDefaults(raw: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) values[key.name] = key.name in raw ? raw[key.name] : key.default;
  return values;
}

const TOKEN_LIST = FILE_TEMPLATE_TOKENS.map((token) => `{${token}}`).join(' ');

function checkFileTemplate(template: string, file: string): void {
  for (const [, token] of template.matchAll(/\{([^}]*)\}/g)) {
    if (!(FILE_TEMPLATE_TOKENS as readonly string[]).includes(token ?? '')) {
      throw new ConfigError(
        'E_CONFIG_VALUE',
        `unknown token {${token}} in "fileTemplate" in ${file} (tokens: ${TOKEN_LIST})`,
      );
    }
  }
}

function checkTimezone(timezone: string, file: string): void {
  // Building a formatter loads the ICU time zone data (10-20 ms): not worth it for the default.
  if (timezone === 'UTC') return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new ConfigError(
      'E_CONFIG_VALUE',
      `unknown time zone "${timezone}" for "timezone" in ${file} (an IANA name such as "UTC" or "Europe/Berlin")`,
    );
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
