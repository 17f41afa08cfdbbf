import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { join, sep } from 'node:path';
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

interface Listing {
  readonly location: string;
  /** `location` normalized and ending in the separator: a file's path is this plus its name. */
  readonly prefix: string;
  /** Revision files that are plain files, unsorted. */
  readonly files: string[];
  /** Revision files that are anything else (symlinks, folders): rare, so sorted in with the files later. */
  readonly others: Dirent[];
}

function list(location: string): Listing {
  const files: string[] = [];
  const others: Dirent[] = [];
  for (const entry of readdirSync(location, { withFileTypes: true })) {
    if (!isRevisionFileName(entry.name)) continue;
    if (entry.isFile()) files.push(entry.name);
    else others.push(entry);
  }
  // What join(location, name) gives, without normalizing thousands of paths.
  const normalized = join(location);
  const prefix = normalized === '.' ? '' : normalized.endsWith(sep) ? normalized : normalized + sep;
  return { location, prefix, files, others };
}

/**
 * One record per revision file in the given folders, by folder and then file name. Folders
 * that do not exist yet are skipped (as Alembic does), and a file reached twice through two
 * locations or a symlink is read once. Scripts with `needsImport` (their `revision` may be
 * empty) go through `loadImportedHeaders` before a graph is built from them.
 */
export function scanRevisions(versionLocations: readonly string[], options: ScanOptions = {}): RevisionScript[] {
  const cache = options.cacheFile === undefined ? undefined : HeaderCache.open(options.cacheFile, options.cacheSettleMs);
  const listings = versionLocations.filter((location) => existsSync(location)).map(list);
  // Names in one folder are unique: only a second folder or a symlink can reach a file twice.
  const seen = listings.length > 1 || listings.some((l) => l.others.length > 0) ? new Set<string>() : undefined;
  const scripts: RevisionScript[] = [];
  for (const listing of listings) {
    const folder = cache?.folder(listing.location);
    const plainNames = listing.others.length === 0 ? folder?.sameListing(listing.files) : undefined;
    const names = plainNames ?? sortedNames(listing);
    const others = new Map(listing.others.map((entry) => [entry.name, entry]));
    // A plain file's real path is its folder's real path plus its name: only symlinks
    // need a realpath call each, which keeps a scan of thousands of files cheap.
    const realLocation = seen === undefined ? '' : realpathSync(listing.location);
    for (const name of names) {
      const path = listing.prefix + name;
      const other = others.get(name);
      if (seen !== undefined) {
        const real = other === undefined ? join(realLocation, name) : realPathOfOther(other, path);
        if (real === undefined || seen.has(real)) continue;
        seen.add(real);
      }
      scripts.push(folder === undefined ? readScript(path) : folder.script(name, path, statSync(path), readScript));
    }
  }
  cache?.save();
  return scripts;
}

/** The order of `Array.prototype.sort()` on the names (UTF-16 code units). */
function sortedNames(listing: Listing): string[] {
  return [...listing.files, ...listing.others.map((entry) => entry.name)].sort();
}

/** Undefined when the entry is not a symlink to a file. */
function realPathOfOther(entry: Dirent, path: string): string | undefined {
  if (!entry.isSymbolicLink() || !statSync(path).isFile()) return undefined;
  return realpathSync(path);
}
