import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
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
  /** Names that look like revision files, unsorted; folders among them are dropped after a stat. */
  readonly names: string[];
}

/**
 * A plain listing, not one with file types: Node builds an object per entry for those, which
 * on thousands of files costs more than the stat each file gets anyway.
 */
function list(location: string): Listing {
  const names = readdirSync(location).filter(isRevisionFileName);
  // What join(location, name) gives, without normalizing thousands of paths.
  const normalized = join(location);
  const prefix = normalized === '.' ? '' : normalized.endsWith(sep) ? normalized : normalized + sep;
  return { location, prefix, names };
}

/**
 * Whether a file was reached before, by its real path. Two paths can only be one file when
 * their inode numbers match, so real paths are computed only then: a scan of thousands of
 * plain files makes no realpath call at all.
 */
class SeenFiles {
  /** Inode number to the first path reached with it: one string per file, nothing more. */
  private readonly first = new Map<number, string>();
  /** Inode numbers reached more than once, to every real path reached with them. */
  private readonly shared = new Map<number, Set<string>>();

  /** False when `path` is a file already reached (through another folder or a symlink). */
  add(path: string, ino: number): boolean {
    const first = this.first.get(ino);
    if (first === undefined) {
      this.first.set(ino, path);
      return true;
    }
    let reals = this.shared.get(ino);
    if (reals === undefined) {
      reals = new Set([realpathSync(first)]);
      this.shared.set(ino, reals);
    }
    const real = realpathSync(path);
    if (reals.has(real)) return false;
    // The same inode number on another file system, or a hard link: read again, as before.
    reals.add(real);
    return true;
  }
}

/**
 * One record per revision file in the given folders, by folder and then file name. Folders
 * that do not exist yet are skipped (as Alembic does), and a file reached twice through two
 * locations or a symlink is read once. Scripts with `needsImport` (their `revision` may be
 * empty) go through `loadImportedHeaders` before a graph is built from them.
 */
export function scanRevisions(versionLocations: readonly string[], options: ScanOptions = {}): RevisionScript[] {
  const cache = options.cacheFile === undefined ? undefined : HeaderCache.open(options.cacheFile, options.cacheSettleMs);
  const seen = new SeenFiles();
  const scripts: RevisionScript[] = [];
  for (const location of versionLocations) {
    if (!existsSync(location)) continue;
    const listing = list(location);
    const folder = cache?.folder(location);
    const names = folder?.sameListing(listing.names) ?? listing.names.sort();
    for (const name of names) {
      const path = listing.prefix + name;
      // Follows a symlink: its target's size and times are what the cache must compare.
      const stats = statSync(path);
      if (!stats.isFile() || !seen.add(path, stats.ino)) continue;
      scripts.push(folder === undefined ? readScript(path) : folder.script(name, path, stats, readScript));
    }
  }
  cache?.save();
  return scripts;
}
