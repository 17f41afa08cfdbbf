import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import { RevisionError } from '../errors.js';
import { HeaderCache } from './header-cache.js';
import { readRevisionHeader } from './read-header.js';
import type { RevisionScript } from './revision-script.js';

const REVISION_FILE = /\.(?:ts|js|mjs)$/;
const DECLARATION_FILE = /\.d\.(?:ts|mts)$/;

export function isRevisionFileName(name: string): boolean {
  return REVISION_FILE.test(name) && !DECLARATION_FILE.test(name) && !name.startsWith('_') && !name.startsWith('.');
}

function readScript(path: string): RevisionScript {
  const header = readRevisionHeader(readFileSync(path, 'utf8'), path);
  if (header.revision === undefined && !header.needsImport) {
    throw new RevisionError('E_INVALID_REVISION_FILE', `${path} does not declare a revision id`, {
      hint: "A revision file exports `export const revision = '<id>';`. Move other files out of the versions folder, or prefix their name with _.",
    });
  }
  return {
    revision: header.revision ?? '',
    downRevisions: header.downRevisions,
    branchLabels: header.branchLabels,
    dependsOn: header.dependsOn,
    path,
    get checksum(): string {
      return header.checksum;
    },
    message: header.message,
    createDate: header.createDate,
    transactional: header.transactional,
    needsImport: header.needsImport,
  };
}

export interface ScanOptions {
  /** A header cache file (see header-cache.ts); without one every file is read. */
  readonly cacheFile?: string;
  /** How long ago a file must have changed to be recorded in the cache (default 2 s). */
  readonly cacheSettleMs?: number;
}

/**
 * One record per revision file in the given folders, by folder and then file name. Folders
 * that do not exist yet are skipped (as Alembic does), and a file reached twice through two
 * locations or a symlink is read once. Scripts with `needsImport` (their `revision` may be
 * empty) go through `loadImportedHeaders` before a graph is built from them.
 */
export function scanRevisions(versionLocations: readonly string[], options: ScanOptions = {}): RevisionScript[] {
  const cache = options.cacheFile === undefined ? undefined : HeaderCache.open(options.cacheFile, options.cacheSettleMs);
  const seen = new Set<string>();
  const scripts: RevisionScript[] = [];
  for (const location of versionLocations) {
    if (!existsSync(location)) continue;
    // A plain file's real path is its folder's real path plus its name: only symlinks
    // need a realpath call each, which keeps a scan of thousands of files cheap.
    const realLocation = realpathSync(location);
    const entries = readdirSync(location, { withFileTypes: true }).filter((entry) => isRevisionFileName(entry.name));
    for (const entry of entries.sort(byName)) {
      const path = join(location, entry.name);
      const real = realPathOfFile(entry, path, realLocation);
      if (real === undefined || seen.has(real)) continue;
      seen.add(real);
      scripts.push(cache === undefined ? readScript(path) : cache.script(path, statSync(path), () => readScript(path)));
    }
  }
  cache?.save();
  return scripts;
}

/** Undefined when the entry is not a file (or a symlink to one). */
function realPathOfFile(entry: Dirent, path: string, realLocation: string): string | undefined {
  if (entry.isFile()) return join(realLocation, entry.name);
  if (!entry.isSymbolicLink() || !statSync(path).isFile()) return undefined;
  return realpathSync(path);
}

/** The order of `Array.prototype.sort()` on the names (UTF-16 code units). */
function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
