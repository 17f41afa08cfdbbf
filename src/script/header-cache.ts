/**
 * A cache of revision headers, so that a command on a long history stats each revision file
 * and reads one JSON file instead of reading and parsing thousands of files. It lives in the
 * project's `node_modules/.cache/alembic-ts/` (no node_modules, no cache) and is never
 * trusted over a file:
 * - an entry is used only when the file's size, mtime, ctime and inode are exactly the ones
 *   recorded (what git's index trusts); an edit always moves ctime, even one that restores
 *   the mtime;
 * - a file changed less than two seconds before the cache is written is not recorded, since
 *   an edit within the same timestamp tick could keep all four;
 * - the header reader's own files are part of the key, so a new alembic-ts reads every file;
 * - an unreadable or malformed cache, or entry, is ignored and the files are read instead.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RevisionScript } from './revision-script.js';

const FORMAT = 1;
const SETTLED_MS = 2000;

/** The reader whose results are cached: when it changes, so does the key. */
const READER_FILES = ['./read-header.js', './header-literals.js', './scan.js'].map((file) => fileURLToPath(new URL(file, import.meta.url)));

type Header = Omit<RevisionScript, 'path'>;

interface Entry extends Header {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

interface CacheFile {
  readonly format: number;
  readonly reader: string;
  readonly entries: Record<string, Entry>;
}

/** `<nearest node_modules>/.cache/alembic-ts/headers-<hash of the folders>.json`, or undefined. */
export function headerCacheFile(versionLocations: readonly string[]): string | undefined {
  const first = versionLocations[0];
  if (first === undefined) return undefined;
  const { root } = parse(first);
  for (let dir = first; ; dir = dirname(dir)) {
    const modules = join(dir, 'node_modules');
    if (existsSync(modules)) {
      const key = createHash('sha256').update(versionLocations.join('\u0000')).digest('hex').slice(0, 16);
      return join(modules, '.cache', 'alembic-ts', `headers-${key}.json`);
    }
    if (dir === root) return undefined;
  }
}

function readerKey(): string {
  return READER_FILES.map((file) => {
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats === undefined ? '-' : `${stats.size}:${stats.mtimeMs}`;
  }).join(',');
}

const isIdList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e['size'] === 'number' &&
    typeof e['mtimeMs'] === 'number' &&
    typeof e['ctimeMs'] === 'number' &&
    typeof e['ino'] === 'number' &&
    typeof e['revision'] === 'string' &&
    isIdList(e['downRevisions']) &&
    isIdList(e['branchLabels']) &&
    isIdList(e['dependsOn']) &&
    typeof e['checksum'] === 'string' &&
    typeof e['message'] === 'string' &&
    (e['createDate'] === null || typeof e['createDate'] === 'string') &&
    typeof e['transactional'] === 'boolean' &&
    typeof e['needsImport'] === 'boolean'
  );
}

function readEntries(file: string, reader: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile> | null;
    if (parsed?.format !== FORMAT || parsed.reader !== reader || typeof parsed.entries !== 'object' || parsed.entries === null) return entries;
    for (const [path, entry] of Object.entries(parsed.entries)) if (isEntry(entry)) entries.set(path, entry);
  } catch {
    // Missing or corrupt: every file is read, and the cache written anew.
  }
  return entries;
}

const sameFile = (entry: Entry, stats: Stats): boolean =>
  entry.size === stats.size && entry.mtimeMs === stats.mtimeMs && entry.ctimeMs === stats.ctimeMs && entry.ino === stats.ino;

export class HeaderCache {
  private readonly old: Map<string, Entry>;
  private readonly next = new Map<string, Entry>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly reader: string,
    private readonly settleMs: number,
  ) {
    this.old = readEntries(file, reader);
  }

  /** `settleMs`: how long ago a file must have changed to be recorded. */
  static open(file: string, settleMs = SETTLED_MS): HeaderCache {
    return new HeaderCache(file, readerKey(), settleMs);
  }

  /** The script from the cache when the file is unchanged, else from `read` (and recorded). */
  script(path: string, stats: Stats, read: () => RevisionScript): RevisionScript {
    const entry = this.old.get(path);
    if (entry !== undefined && sameFile(entry, stats)) {
      this.next.set(path, entry);
      return {
        revision: entry.revision,
        downRevisions: entry.downRevisions,
        branchLabels: entry.branchLabels,
        dependsOn: entry.dependsOn,
        path,
        checksum: entry.checksum,
        message: entry.message,
        createDate: entry.createDate,
        transactional: entry.transactional,
        needsImport: entry.needsImport,
      };
    }
    const script = read();
    this.next.set(path, {
      revision: script.revision,
      downRevisions: script.downRevisions,
      branchLabels: script.branchLabels,
      dependsOn: script.dependsOn,
      checksum: script.checksum,
      message: script.message,
      createDate: script.createDate,
      transactional: script.transactional,
      needsImport: script.needsImport,
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      ctimeMs: stats.ctimeMs,
      ino: stats.ino,
    });
    this.changed = true;
    return script;
  }

  /** Writes the entries of this scan (atomically: a reader never sees half a file); errors are ignored. */
  save(): void {
    if (!this.changed && this.next.size === this.old.size) return;
    const settled = Date.now() - this.settleMs;
    const entries: Record<string, Entry> = {};
    for (const [path, entry] of this.next) if (entry.mtimeMs < settled && entry.ctimeMs < settled) entries[path] = entry;
    const content: CacheFile = { format: FORMAT, reader: this.reader, entries };
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
