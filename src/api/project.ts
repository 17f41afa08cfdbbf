/**
 * A project as every command sees it: the loaded config, the revision graph (read from the
 * files' headers, importing a file only when its header is not a literal) and, on demand,
 * the database URL and the runner's context.
 */
import { statSync } from 'node:fs';
import type { Config } from '../config/config.js';
import { loadConfig, requireUrl } from '../config/load-config.js';
import type { DatabaseUrl } from '../config/url.js';
import { ConfigError } from '../errors.js';
import type { RunContext } from '../runtime/context.js';
import { RevisionGraph } from '../script/graph.js';
import { headerCacheFile } from '../script/header-cache.js';
import { scanRevisions } from '../script/scan.js';
import type { RunOptions } from './run-options.js';

export interface Project {
  readonly config: Config;
  readonly options: RunOptions;
  graph(): Promise<RevisionGraph>;
  databaseUrl(): DatabaseUrl;
  runContext(): Promise<RunContext>;
}

export function openProject(options: RunOptions = {}): Project {
  const config = loadConfig({
    ...(options.config === undefined ? {} : { configPath: options.config }),
    ...(options.url === undefined ? {} : { url: options.url }),
    cwd: options.cwd ?? process.cwd(),
  });
  let graph: Promise<RevisionGraph> | undefined;
  const project: Project = {
    config,
    options,
    graph() {
      graph ??= loadGraph(config);
      return graph;
    },
    databaseUrl: () => requireUrl(config),
    async runContext() {
      return {
        config,
        url: project.databaseUrl(),
        graph: await project.graph(),
        x: options.x ?? {},
        lockTimeoutMs: options.lockTimeoutMs ?? 60_000,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      };
    },
  };
  return project;
}

async function loadGraph(config: Config): Promise<RevisionGraph> {
  // As Alembic's ScriptDirectory: a missing script folder is a mistake (a typo, or the wrong
  // -c), never an empty history; a missing versions folder is only empty (git keeps no
  // empty folders), and `revision` creates it.
  if (!statSync(config.scriptLocation, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConfigError('E_CONFIG_SCRIPT_LOCATION', `"scriptLocation" in ${config.file} names ${config.scriptLocation}, which is not a folder`, {
      hint: 'fix scriptLocation, or run `alembic-ts init` to create the migrations folder',
    });
  }
  const cacheFile = headerCacheFile(config.versionLocations);
  const scripts = scanRevisions(config.versionLocations, cacheFile === undefined ? {} : { cacheFile });
  if (!scripts.some((s) => s.needsImport)) return new RevisionGraph(scripts);
  // Loaded only when a header is not a literal: the loader brings node:module and tsx with it.
  const [{ importModule }, { loadImportedHeaders }] = await Promise.all([import('../loader/import-module.js'), import('../script/module-header.js')]);
  return new RevisionGraph(await loadImportedHeaders(scripts, importModule));
}
