/**
 * A cache of a scan's results, so that a command on a long history lists the versions folders,
 * stats each revision file and parses one JSON file instead of reading and parsing thousands of
 * files. It lives in the project's `node_modules/.cache/alembic-ts/` (no node_modules, no
 * cache) and is never trusted over a file:
 * - an entry is used only when the file's size, mtime, ctime and inode are exactly the ones
 *   recorded (what git's index trusts); an edit always moves ctime, even one that restores
 *   the mtime;
 * - a file changed less than two seconds before the cache is written is not recorded, since
 *   an edit within the same timestamp tick could keep all four;
 * - the file this module runs from (a bundle chunk once built) and, beside it in src/, the
 *   reader's other files are part of the key, so a new or rebuilt alembic-ts reads every file;
 * - an unreadable or malformed cache, or entry, is ignored and the files are read instead.
 *
 * The entries of a folder are kept in the order the scan returns them (sorted by name), so
 * when the folder lists exactly the recorded names the scan needs no sort. An entry is a
 * tuple rather than an object: the file is a third of the size, and parsing it makes far
 * less garbage, which is most of what a scan of thousands of files costs.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nearestNodeModules, toolCacheFolder } from '../tool-cache.js';
import type { RevisionScript } from './revision-script.js';

const FORMAT = 2;
const SETTLED_MS = 2000;

/**
 * The reader whose results are cached: when one of these files changes, so does the key. Built,
 * the reader is bundled (scripts/build.mjs) and the siblings do not exist; any rebuild or new
 * install rewrites this module's own file, and moves its ctime.
 */
const OWN_FILE = fileURLToPath(import.meta.url);
const READER_FILES = [OWN_FILE, ...['read-header', 'header-literals', 'scan'].map((name) => join(dirname(OWN_FILE), name + extname(OWN_FILE)))];

/**
 * `[name, size, mtimeMs, ctimeMs, ino, revision, downRevisions, branchLabels, dependsOn,
 * checksum, message, createDate, flags]`, flags: 1 transactional, 2 needsImport. An empty
 * list is written as 0 and read as one shared empty list: most revisions declare no labels
 * and no dependencies, and thousands of empty arrays are garbage the scan need not make.
 */
type IdList = string[] | 0;
type Entry = [string, number, number, number, number, string, IdList, IdList, IdList, string, string, string | null, number];

const NONE: readonly string[] = Object.freeze([]);

const TRANSACTIONAL = 1;
const NEEDS_IMPORT = 2;

interface CacheFile {
  readonly format: number;
  readonly reader: string;
  /** Folder (as scanned) to its entries, in scan order. */
  readonly folders: Record<string, Entry[]>;
}

/** `<nearest node_modules>/.cache/alembic-ts/scan-<hash of the folders>.json`, or undefined. */
export function headerCacheFile(versionLocations: readonly string[]): string | undefined {
  const first = versionLocations[0];
  const modules = first === undefined ? undefined : nearestNodeModules(first);
  if (modules === undefined) return undefined;
  return join(toolCacheFolder(modules), `scan-${hashKey(versionLocations.join('\u0000'))}.json`);
}

/**
 * 64-bit FNV-1a as 16 hex digits: the file name only has to differ between sets of folders,
 * and this spares loading node:crypto on every command.
 */
function hashKey(text: string): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    low ^= text.charCodeAt(i);
    // Multiply by the FNV prime 0x100000001b3 in 32-bit halves.
    const lowProduct = Math.imul(low, 0x1b3) >>> 0;
    const carry = Math.floor(((low >>> 0) * 0x1b3) / 0x100000000);
    high = (Math.imul(high, 0x1b3) + Math.imul(low, 0x100) + carry) >>> 0;
    low = lowProduct;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

function readerKey(): string {
  return READER_FILES.map((file) => {
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats === undefined ? '-' : `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
  }).join(',');
}

const isIdList = (value: unknown): value is IdList => {
  if (value === 0) return true;
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
};

/** One check per field, no closures: this runs for every file of every scan. */
function isEntry(e: unknown): e is Entry {
  return (
    Array.isArray(e) &&
    e.length === 13 &&
    typeof e[0] === 'string' &&
    typeof e[1] === 'number' &&
    typeof e[2] === 'number' &&
    typeof e[3] === 'number' &&
    typeof e[4] === 'number' &&
    typeof e[5] === 'string' &&
    isIdList(e[6]) &&
    isIdList(e[7]) &&
    isIdList(e[8]) &&
    typeof e[9] === 'string' &&
    typeof e[10] === 'string' &&
    (e[11] === null || typeof e[11] === 'string') &&
    typeof e[12] === 'number'
  );
}

function readFolders(file: string, reader: string): Map<string, Entry[]> {
  const folders = new Map<string, Entry[]>();
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile> | null;
    if (parsed?.format !== FORMAT || parsed.reader !== reader || typeof parsed.folders !== 'object' || parsed.folders === null) return folders;
    for (const [folder, entries] of Object.entries(parsed.folders)) if (Array.isArray(entries)) folders.set(folder, entries as Entry[]);
  } catch {
    // Missing or corrupt: every file is read, and the cache written anew.
  }
  return folders;
}

const sameFile = (entry: Entry, stats: Stats): boolean =>
  entry[1] === stats.size && entry[2] === stats.mtimeMs && entry[3] === stats.ctimeMs && entry[4] === stats.ino;

const idList = (list: IdList): readonly string[] => (list === 0 ? NONE : list);
const listEntry = (list: readonly string[]): IdList => (list.length === 0 ? 0 : [...list]);

function scriptOf(entry: Entry, path: string): RevisionScript {
  return {
    revision: entry[5],
    downRevisions: idList(entry[6]),
    branchLabels: idList(entry[7]),
    dependsOn: idList(entry[8]),
    path,
    checksum: entry[9],
    message: entry[10],
    createDate: entry[11],
    transactional: (entry[12] & TRANSACTIONAL) !== 0,
    needsImport: (entry[12] & NEEDS_IMPORT) !== 0,
  };
}

function entryOf(name: string, stats: Stats, script: RevisionScript): Entry {
  const flags = (script.transactional ? TRANSACTIONAL : 0) | (script.needsImport ? NEEDS_IMPORT : 0);
  return [
    name,
    stats.size,
    stats.mtimeMs,
    stats.ctimeMs,
    stats.ino,
    script.revision,
    listEntry(script.downRevisions),
    listEntry(script.branchLabels),
    listEntry(script.dependsOn),
    script.checksum,
    script.message,
    script.createDate,
    flags,
  ];
}

/** The recorded entries of one folder, and the ones this scan keeps. */
export class FolderCache {
  private byName: Map<string, Entry> | undefined;
  /** In scan order. */
  readonly next: Entry[] = [];
  /** Set when the cache file must be written: an entry was read anew, or the folder is new to it. */
  changed: boolean;
  private readonly old: readonly Entry[];

  constructor(old: readonly Entry[] | undefined) {
    this.old = old ?? [];
    this.changed = old === undefined;
  }

  /**
   * The recorded names in scan order when `names` (a plain listing of the folder's revision
   * files, in any order) holds exactly those, else undefined.
   */
  sameListing(names: readonly string[]): string[] | undefined {
    const recorded = this.entries();
    if (names.length !== this.old.length || recorded.size !== this.old.length) return undefined;
    for (const name of names) if (!recorded.has(name)) return undefined;
    const ordered = this.old.map((entry) => entry[0]);
    // A hand-edited cache must not change the order: the scan's order breaks ties in the graph.
    for (let i = 1; i < ordered.length; i++) if (!((ordered[i - 1] as string) < (ordered[i] as string))) return undefined;
    return ordered;
  }

  /** The script from the cache when the file is unchanged, else `read(path)` (and recorded). */
  script(name: string, path: string, stats: Stats, read: (path: string) => RevisionScript): RevisionScript {
    const entry = this.entries().get(name);
    if (entry !== undefined && sameFile(entry, stats) && isEntry(entry)) {
      this.next.push(entry);
      return scriptOf(entry, path);
    }
    const script = read(path);
    this.next.push(entryOf(name, stats, script));
    this.changed = true;
    return script;
  }

  private entries(): Map<string, Entry> {
    if (this.byName === undefined) {
      this.byName = new Map();
      for (const entry of this.old) if (Array.isArray(entry) && typeof entry[0] === 'string') this.byName.set(entry[0], entry);
    }
    return this.byName;
  }
}

export class HeaderCache {
  private readonly old: Map<string, Entry[]>;
  private readonly scanned = new Map<string, FolderCache>();

  private constructor(
    private readonly file: string,
    private readonly reader: string,
    private readonly settleMs: number,
  ) {
    this.old = readFolders(file, reader);
  }

  /** `settleMs`: how long ago a file must have changed to be recorded. */
  static open(file: string, settleMs = SETTLED_MS): HeaderCache {
    return new HeaderCache(file, readerKey(), settleMs);
  }

  /** The cache of one scanned folder (`location` as the scan was given it). */
  folder(location: string): FolderCache {
    let folder = this.scanned.get(location);
    if (folder === undefined) {
      folder = new FolderCache(this.old.get(location));
      this.scanned.set(location, folder);
    }
    return folder;
  }

  /** Writes the entries of this scan (atomically: a reader never sees half a file); errors are ignored. */
  save(): void {
    const same =
      this.scanned.size === this.old.size &&
      [...this.scanned].every(([location, folder]) => !folder.changed && folder.next.length === (this.old.get(location)?.length ?? -1));
    if (same) return;
    const settled = Date.now() - this.settleMs;
    const folders: Record<string, Entry[]> = {};
    for (const [location, folder] of this.scanned) folders[location] = folder.next.filter((e) => e[2] < settled && e[3] < settled);
    const content: CacheFile = { format: FORMAT, reader: this.reader, folders };
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(temporary, JSON.stringify(content));
      renameSync(temporary, this.file);
    } catch {
      // A read-only or full disk only costs the next command the full scan.
      rmSync(temporary, { force: true });
    }
  }
}
