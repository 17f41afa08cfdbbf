/**
 * `init`: a config file and a migrations folder copied from a template. Refuses to
 * overwrite an existing config or a non-empty folder, so it is safe to run twice.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { AlembicError } from '../errors.js';
import { templatesDir } from './package-paths.js';

export interface InitOptions {
  readonly directory?: string;
  readonly template?: string;
  readonly cwd?: string;
  /** Config file to write; default `<cwd>/alembic.config.json`. */
  readonly config?: string | undefined;
}

export interface InitResult {
  readonly configPath: string;
  readonly scriptLocation: string;
  readonly files: readonly string[];
}

export interface TemplateInfo {
  readonly name: string;
  readonly description: string;
}

export function listTemplates(): TemplateInfo[] {
  const templates = templatesDir();
  return readdirSync(templates, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ name: entry.name, description: templateDescription(join(templates, entry.name)) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function templateDescription(dir: string): string {
  const readme = join(dir, 'README');
  if (!existsSync(readme)) return '';
  return readFileSync(readme, 'utf8').split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

export function init(options: InitOptions = {}): InitResult {
  const cwd = options.cwd ?? process.cwd();
  const template = options.template ?? 'generic';
  const source = join(templatesDir(), template);
  if (!existsSync(source)) {
    const names = listTemplates().map((t) => t.name).join(', ');
    throw new AlembicError('E_UNKNOWN_TEMPLATE', `no template named "${template}"`, { exitCode: 2, hint: `templates: ${names}` });
  }
  const scriptLocation = resolve(cwd, options.directory ?? 'migrations');
  const configPath = resolve(cwd, options.config ?? 'alembic.config.json');
  if (existsSync(configPath)) {
    throw new AlembicError('E_INIT_EXISTS', `${configPath} already exists; init will not overwrite it`, { exitCode: 2 });
  }
  if (existsSync(scriptLocation) && readdirSync(scriptLocation).length > 0) {
    throw new AlembicError('E_INIT_EXISTS', `${scriptLocation} is not empty; init will not overwrite it`, {
      exitCode: 2,
      hint: 'choose another folder: alembic-ts init <dir>',
    });
  }
  mkdirSync(scriptLocation, { recursive: true });
  cpSync(source, scriptLocation, { recursive: true });
  mkdirSync(join(scriptLocation, 'versions'), { recursive: true });
  const location = relative(resolve(configPath, '..'), scriptLocation) || '.';
  const config = {
    $schema: './node_modules/alembic-ts/alembic.config.schema.json',
    scriptLocation: location,
    url: 'sqlite:///app.db',
    models: 'src/models.ts',
  };
  writeFileSync(configPath, JSON.stringify(config, null, 2) + '\n');
  const files = [configPath, ...readdirSync(scriptLocation).map((f) => join(scriptLocation, f))];
  return { configPath, scriptLocation, files };
}
