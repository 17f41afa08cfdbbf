/**
 * The fallback for headers that are not literals: import the module and read its exports.
 * The importer is injected because importing `.ts` needs the runtime's loader (tsx).
 */
import { pathToFileURL } from 'node:url';
import { RevisionError } from '../errors.js';
import type { RevisionScript } from './revision-script.js';

export type ModuleImporter = (path: string) => Promise<Record<string, unknown>>;

export const defaultImporter: ModuleImporter = async (path) =>
  (await import(pathToFileURL(path).href)) as Record<string, unknown>;

function pick(exports: Record<string, unknown>, names: readonly string[]): unknown {
  for (const name of names) if (name in exports) return exports[name];
  return undefined;
}

function idList(value: unknown, path: string, name: string): readonly string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '')) return value as string[];
  throw new RevisionError('E_INVALID_REVISION_FILE', `${name} in ${path} must be a non-empty string, an array of strings, or null`);
}

/** The header values of an imported revision module, checked like the text reader checks them. */
export function headerFromModule(
  exports: Record<string, unknown>,
  script: RevisionScript,
): RevisionScript {
  const { path } = script;
  const revision = pick(exports, ['revision']);
  if (typeof revision !== 'string' || revision === '') {
    throw new RevisionError('E_INVALID_REVISION_FILE', `${path} does not export a revision id (export const revision = '...')`);
  }
  const transactional = pick(exports, ['transactional']);
  if (transactional !== undefined && typeof transactional !== 'boolean') {
    throw new RevisionError('E_INVALID_REVISION_FILE', `transactional in ${path} must be true or false`);
  }
  return {
    ...script,
    revision,
    downRevisions: idList(pick(exports, ['downRevision', 'down_revision']), path, 'downRevision'),
    branchLabels: idList(pick(exports, ['branchLabels', 'branch_labels']), path, 'branchLabels'),
    dependsOn: idList(pick(exports, ['dependsOn', 'depends_on']), path, 'dependsOn'),
    transactional: transactional !== false,
    needsImport: false,
  };
}

/** Imports the scripts whose headers are not literals and fills in their values. */
export async function loadImportedHeaders(
  scripts: readonly RevisionScript[],
  importModule: ModuleImporter = defaultImporter,
): Promise<RevisionScript[]> {
  const loaded: RevisionScript[] = [];
  for (const script of scripts) {
    loaded.push(script.needsImport ? headerFromModule(await importModule(script.path), script) : script);
  }
  return loaded;
}
