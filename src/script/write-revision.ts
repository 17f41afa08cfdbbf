/**
 * New revision files (`revision`, `merge`): the parent(s) chosen by Alembic's rules, the file
 * named from `fileTemplate` and rendered from `<scriptLocation>/script.ts.tmpl`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, RevisionError } from '../errors.js';
import { formatCreateDate, zonedDate } from './create-date.js';
import { renderFileName, slugify } from './file-name.js';
import type { RevisionNode } from './graph-build.js';
import type { RevisionGraph } from './graph.js';
import { runPostWriteHooks } from './post-write-hooks.js';
import type { PostWriteHook, PostWriteHookEvent } from './post-write-hooks.js';
import { readRevisionHeader } from './read-header.js';
import { docMessage, importLines, listLiteral, renderTemplate } from './render-template.js';
import type { ImportMap } from './render-template.js';
import { generateRevisionId, validateRevisionId } from './revision-id.js';
import type { RevisionInput, RevisionScript } from './revision-script.js';

export const TEMPLATE_FILE = 'script.ts.tmpl';

/** The config keys that shape a new file (see SPEC section 2). */
export interface WriteRevisionConfig {
  readonly scriptLocation: string;
  readonly versionLocations: readonly string[];
  readonly fileTemplate: string;
  readonly truncateSlugLength: number;
  readonly timezone: string;
  readonly postWriteHooks?: readonly PostWriteHook[];
  /** Where the hooks run: the caller's working directory (the API's `cwd`), as Alembic's do. */
  readonly hookCwd?: string;
  /** Told when each hook starts, what it prints, and when it is done. */
  readonly onPostWriteHook?: ((event: PostWriteHookEvent) => void) | undefined;
  /** The Create Date; the current time unless given (tests). */
  readonly now?: Date;
}

export interface NewRevision {
  readonly message: string;
  /** `--rev-id`; a random 12-hex id otherwise. */
  readonly revId?: string;
  /** `--head`: the parent(s), `base` for a new root; `head` (the single head) by default. */
  readonly head?: string | readonly string[];
  /** `--splice`: allow a parent that is not a head (starts a new branch). */
  readonly splice?: boolean;
  readonly branchLabel?: string | readonly string[];
  readonly dependsOn?: readonly string[];
  readonly versionPath?: string;
  /** Function bodies, indented by two spaces; empty for a hand-written revision. */
  readonly upgradeBody?: string;
  readonly downgradeBody?: string;
  /** Names to import per module, besides `type Operations` from 'alembic-ts'. */
  readonly imports?: ImportMap;
}

export interface WrittenRevision {
  readonly path: string;
  readonly revision: string;
  /** The new file as the scanner reads it (after the post-write hooks). */
  readonly script: RevisionScript;
}

const WRITE_HINT = 'Pass --head REV (or --head <label>@head) to choose the parent, or join the heads first with `alembic-ts merge heads -m "merge"`.';

function parentsOf<S extends RevisionInput>(graph: RevisionGraph<S>, request: NewRevision): RevisionNode<S>[] {
  let parents: RevisionNode<S>[];
  try {
    parents = graph.resolveRevisions(request.head ?? 'head');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'E_MULTIPLE_HEADS') throw error;
    throw new RevisionError('E_MULTIPLE_HEADS', (error as Error).message, { cause: error, hint: WRITE_HINT });
  }
  const ids = parents.map((p) => p.revision);
  if (new Set(ids).size !== ids.length) {
    throw new RevisionError('E_DUPLICATE_HEADS', `the same parent revision is named twice: ${ids.join(', ')}`);
  }
  if (request.splice !== true) {
    const inner = parents.find((p) => !p.isHead);
    if (inner !== undefined) {
      throw new RevisionError('E_NOT_A_HEAD', `revision ${graph.describe(inner.revision)} is not a head revision`, {
        hint: 'Pass --splice to start a new branch from it.',
      });
    }
  }
  return parents;
}

function checkLabels<S extends RevisionInput>(graph: RevisionGraph<S>, labels: readonly string[]): void {
  for (const label of labels) {
    if (!/^[^@:\s]+$/.test(label) || ['head', 'heads', 'base'].includes(label)) {
      throw new RevisionError('E_INVALID_BRANCH_LABEL', `'${label}' is not a valid branch label`, {
        hint: 'A branch label has no @, : or spaces, and is not head, heads or base.',
      });
    }
    const owner = graph.labels.get(label) ?? (graph.nodes.has(label) ? label : undefined);
    if (owner !== undefined) {
      throw new RevisionError('E_DUPLICATE_BRANCH_LABEL', `branch label '${label}' is already used by ${graph.describe(owner)}`);
    }
  }
}

/** Each `--depends-on` as its full id, or kept as written when it is a label of that revision. */
function resolveDependsOn<S extends RevisionInput>(graph: RevisionGraph<S>, dependsOn: readonly string[]): string[] {
  return dependsOn.map((dep) => {
    const node = graph.resolveRevisionOrBase(dep);
    if (node === null) throw new RevisionError('E_UNKNOWN_REVISION', `--depends-on ${dep} names no revision`);
    return node.branchLabels.includes(dep) ? dep : node.revision;
  });
}

function sameDir(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}

function chooseVersionPath<S extends RevisionInput>(config: WriteRevisionConfig, request: NewRevision, parents: readonly RevisionNode<S>[]): string {
  const locations = config.versionLocations;
  if (request.versionPath !== undefined) {
    const match = locations.find((l) => sameDir(l, request.versionPath as string));
    if (match === undefined) {
      throw new ConfigError('E_VERSION_PATH', `--version-path ${request.versionPath} is not one of versionLocations (${locations.join(', ')})`, {
        hint: 'Add the folder to versionLocations in alembic.config.json first.',
      });
    }
    return match;
  }
  if (locations.length === 1) return locations[0] as string;
  const parentPath = parents.find((p) => p.script.path !== undefined)?.script.path;
  if (parentPath === undefined) {
    throw new ConfigError('E_VERSION_PATH', `several version locations are configured (${locations.join(', ')})`, {
      hint: 'Pass --version-path to choose the folder for the new revision.',
    });
  }
  return dirname(parentPath);
}

function readTemplate(scriptLocation: string): { path: string; text: string } {
  const path = join(scriptLocation, TEMPLATE_FILE);
  if (!existsSync(path)) {
    throw new RevisionError('E_TEMPLATE_NOT_FOUND', `${path} does not exist`, {
      hint: 'Run `alembic-ts init`, or copy migrations-template/generic/script.ts.tmpl from the alembic-ts package.',
    });
  }
  return { path, text: readFileSync(path, 'utf8') };
}

/** Reads the new file back, as Alembic does, to catch a template that drops a header. */
function readBack(path: string, revision: string, labels: readonly string[]): RevisionScript {
  const header = readRevisionHeader(readFileSync(path, 'utf8'), path);
  if (header.revision !== revision || labels.some((l) => !header.branchLabels.includes(l))) {
    throw new RevisionError('E_TEMPLATE', `${path} does not declare revision ${revision}${labels.length > 0 ? ` with branch labels ${labels.join(', ')}` : ''}`, {
      hint: `Check that ${TEMPLATE_FILE} writes \`export const revision\` and \`export const branchLabels\` with their placeholders.`,
    });
  }
  return { ...header, revision, path };
}

/** Writes a new revision file and runs the post-write hooks on it. */
export async function writeRevision<S extends RevisionInput>(
  config: WriteRevisionConfig,
  request: NewRevision,
  graph: RevisionGraph<S>,
): Promise<WrittenRevision> {
  const revision = request.revId ?? generateRevisionId(graph);
  if (request.revId !== undefined) validateRevisionId(graph, request.revId);
  const parents = parentsOf(graph, request);
  const labels = request.branchLabel === undefined ? [] : typeof request.branchLabel === 'string' ? [request.branchLabel] : [...request.branchLabel];
  checkLabels(graph, labels);
  const dependsOn = resolveDependsOn(graph, request.dependsOn ?? []);
  const versionPath = chooseVersionPath(config, request, parents);
  const date = zonedDate(config.now ?? new Date(), config.timezone);
  const fileName = renderFileName(config.fileTemplate, { rev: revision, slug: slugify(request.message, config.truncateSlugLength), date });
  const path = join(versionPath, `${fileName}.ts`);
  if (existsSync(path)) throw new RevisionError('E_FILE_EXISTS', `${path} already exists`, { hint: 'Choose another --rev-id or message.' });
  const template = readTemplate(config.scriptLocation);
  const downIds = parents.map((p) => p.revision);
  const text = renderTemplate(
    template.text,
    {
      message: docMessage(request.message === '' ? 'empty message' : request.message),
      revision,
      downRevisionIds: downIds.join(', '),
      downRevision: listLiteral(downIds, true),
      branchLabels: listLiteral(labels, false),
      dependsOn: listLiteral(dependsOn, false),
      createDate: formatCreateDate(date),
      imports: importLines(request.imports),
      upgradeBody: request.upgradeBody ?? '',
      downgradeBody: request.downgradeBody ?? '',
    },
    template.path,
  );
  mkdirSync(versionPath, { recursive: true });
  writeFileSync(path, text);
  await runPostWriteHooks(config.postWriteHooks ?? [], path, { cwd: config.hookCwd, onEvent: config.onPostWriteHook });
  return { path, revision, script: readBack(path, revision, labels) };
}

export interface MergeRequest {
  /** Revisions to merge, or `heads`. */
  readonly revisions: readonly string[];
  readonly message: string;
  readonly revId?: string;
  readonly branchLabel?: string | readonly string[];
}

/** `merge REV... -m MSG`: a revision whose downRevision lists every merged head. */
export async function mergeRevisions<S extends RevisionInput>(
  config: WriteRevisionConfig,
  request: MergeRequest,
  graph: RevisionGraph<S>,
): Promise<WrittenRevision> {
  const heads = [...new Set(graph.resolveRevisions(request.revisions).map((n) => n.revision))];
  if (heads.length < 2) {
    throw new RevisionError('E_NOTHING_TO_MERGE', `'${request.revisions.join(' ')}' names ${heads.length === 0 ? 'no revision' : `only ${heads.join('')}`}: a merge needs two or more`, {
      hint: '`alembic-ts heads` lists the heads to merge.',
    });
  }
  return writeRevision(config, { message: request.message, revId: request.revId, head: heads, branchLabel: request.branchLabel }, graph);
}
