/** The revision header cache: used only for files that did not change, never trusted over them. */
import assert from 'node:assert/strict';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { headerCacheFile } from '../../src/script/header-cache.js';
import type { RevisionScript } from '../../src/script/revision-script.js';
import { scanRevisions } from '../../src/script/scan.js';

const revisionFile = (id: string, down: string | null): string =>
  `/**\n * step ${id}\n *\n * Create Date: 2026-11-21 10:00:00+00:00\n */\n` +
  `export const revision = '${id}';\nexport const downRevision = ${down === null ? 'null' : `'${down}'`};\n` +
  'export async function upgrade(): Promise<void> {}\n';

/** Every field, the checksum getter included. */
const plain = (scripts: readonly RevisionScript[]): object[] => scripts.map((s) => ({ ...s }));

/** The cache file's entries of one folder: `[name, size, mtimeMs, ctimeMs, ino, revision, downRevisions, ..., message, ...]`. */
type Entry = unknown[];
interface Cache {
  folders: Record<string, Entry[]>;
}
const readCache = (cacheFile: string): Cache => JSON.parse(readFileSync(cacheFile, 'utf8')) as Cache;
const entriesOf = (cacheFile: string, versions: string): Entry[] => readCache(cacheFile).folders[versions] ?? [];
const MESSAGE = 10;
const DOWN_REVISIONS = 6;

describe('header cache', () => {
  const root = mkdtempSync(join(tmpdir(), 'alembic-ts-header-cache-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  async function project(name: string): Promise<{ versions: string; cacheFile: string }> {
    const versions = join(root, name, 'migrations', 'versions');
    mkdirSync(versions, { recursive: true });
    mkdirSync(join(root, name, 'node_modules'));
    writeFileSync(join(versions, 'a.ts'), revisionFile('aaaa', null));
    writeFileSync(join(versions, 'b.ts'), revisionFile('bbbb', 'aaaa'));
    await sleep(5);
    return { versions, cacheFile: headerCacheFile([versions]) as string };
  }

  test('lives in the nearest node_modules, and there is none without one', () => {
    const versions = join(root, 'p0', 'migrations', 'versions');
    mkdirSync(versions, { recursive: true });
    mkdirSync(join(root, 'p0', 'node_modules'));
    assert.match(headerCacheFile([versions]) ?? '', new RegExp(`^${join(root, 'p0', 'node_modules', '.cache', 'alembic-ts')}/scan-[0-9a-f]{16}\\.json$`));
    assert.equal(headerCacheFile(['/']), undefined);
  });

  test('a scan through the cache gives what reading the files gives, before and after it is written', async () => {
    const { versions, cacheFile } = await project('p1');
    const direct = plain(scanRevisions([versions]));
    assert.deepEqual(plain(scanRevisions([versions], { cacheFile, cacheSettleMs: 0 })), direct);
    assert.deepEqual(entriesOf(cacheFile, versions).map((e) => e[0]), ['a.ts', 'b.ts']);
    assert.deepEqual(plain(scanRevisions([versions], { cacheFile, cacheSettleMs: 0 })), direct);
  });

  test('an unchanged file is taken from the cache', async () => {
    const { versions, cacheFile } = await project('p2');
    scanRevisions([versions], { cacheFile, cacheSettleMs: 0 });
    const cache = readCache(cacheFile);
    (cache.folders[versions] as Entry[])[0]![MESSAGE] = 'from the cache';
    writeFileSync(cacheFile, JSON.stringify(cache));
    const [a] = scanRevisions([versions], { cacheFile, cacheSettleMs: 0 });
    assert.equal(a?.message, 'from the cache');
  });

  test('an edit that keeps the size and restores the mtime is read from the file', async () => {
    const { versions, cacheFile } = await project('p3');
    const path = join(versions, 'b.ts');
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    scanRevisions([versions], { cacheFile, cacheSettleMs: 0 });
    const before = statSync(path);
    await sleep(20);
    writeFileSync(path, revisionFile('cccc', 'aaaa'));
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    assert.equal(statSync(path).mtimeMs, before.mtimeMs);
    assert.equal(statSync(path).size, before.size);
    const scripts = scanRevisions([versions], { cacheFile, cacheSettleMs: 0 });
    assert.deepEqual(scripts.map((s) => s.revision), ['aaaa', 'cccc']);
    assert.deepEqual(plain(scripts), plain(scanRevisions([versions])));
  });

  test('a corrupt or foreign cache file is ignored and replaced', async () => {
    const { versions, cacheFile } = await project('p4');
    const direct = plain(scanRevisions([versions]));
    for (const content of ['{"format":2,"fold', '[1,2]', 'null', JSON.stringify({ format: 2, reader: 'other', folders: {} }), '{"format":2}']) {
      mkdirSync(join(cacheFile, '..'), { recursive: true });
      writeFileSync(cacheFile, content);
      assert.deepEqual(plain(scanRevisions([versions], { cacheFile, cacheSettleMs: 0 })), direct);
      assert.equal(entriesOf(cacheFile, versions).length, 2);
    }
  });

  test('a malformed entry is read from the file', async () => {
    const { versions, cacheFile } = await project('p5');
    scanRevisions([versions], { cacheFile, cacheSettleMs: 0 });
    const cache = readCache(cacheFile);
    (cache.folders[versions] as Entry[])[0]![DOWN_REVISIONS] = 'not a list';
    (cache.folders[versions] as Entry[])[1] = ['b.ts', 'too short'];
    writeFileSync(cacheFile, JSON.stringify(cache));
    assert.deepEqual(plain(scanRevisions([versions], { cacheFile, cacheSettleMs: 0 })), plain(scanRevisions([versions])));
  });

  test('files changed moments ago are not recorded', async () => {
    const { versions, cacheFile } = await project('p6');
    scanRevisions([versions], { cacheFile });
    assert.equal(entriesOf(cacheFile, versions).length, 0);
  });

  test('a file added, removed or renamed changes the scan exactly as without the cache', async () => {
    const { versions, cacheFile } = await project('p7');
    const scan = (): object[] => plain(scanRevisions([versions], { cacheFile, cacheSettleMs: 0 }));
    scan();
    writeFileSync(join(versions, '0.ts'), revisionFile('cccc', 'bbbb'));
    // A file changed within the current millisecond is not recorded, even with no settle time.
    await sleep(5);
    assert.deepEqual(scan(), plain(scanRevisions([versions])));
    assert.deepEqual(entriesOf(cacheFile, versions).map((e) => e[0]), ['0.ts', 'a.ts', 'b.ts']);
    unlinkSync(join(versions, 'a.ts'));
    assert.deepEqual(scan(), plain(scanRevisions([versions])));
    renameSync(join(versions, 'b.ts'), join(versions, 'z.ts'));
    await sleep(5);
    const renamed = scan();
    assert.deepEqual(renamed, plain(scanRevisions([versions])));
    assert.deepEqual(renamed.map((s) => (s as RevisionScript).path), [join(versions, '0.ts'), join(versions, 'z.ts')]);
    assert.deepEqual(entriesOf(cacheFile, versions).map((e) => e[0]), ['0.ts', 'z.ts']);
  });

  test('an unchanged folder is served from the cache without rewriting it', async () => {
    const { versions, cacheFile } = await project('p8');
    scanRevisions([versions], { cacheFile, cacheSettleMs: 0 });
    const written = statSync(cacheFile);
    await sleep(20);
    assert.deepEqual(plain(scanRevisions([versions], { cacheFile, cacheSettleMs: 0 })), plain(scanRevisions([versions])));
    assert.equal(statSync(cacheFile).mtimeMs, written.mtimeMs);
  });

  test('the scan order never comes from the cache file', async () => {
    const { versions, cacheFile } = await project('p9');
    scanRevisions([versions], { cacheFile, cacheSettleMs: 0 });
    const cache = readCache(cacheFile);
    cache.folders[versions] = [...(cache.folders[versions] as Entry[])].reverse();
    writeFileSync(cacheFile, JSON.stringify(cache));
    assert.deepEqual(scanRevisions([versions], { cacheFile, cacheSettleMs: 0 }).map((s) => s.revision), ['aaaa', 'bbbb']);
  });

  test('symlinks and a folder listed twice give what reading the files gives', async () => {
    const { versions, cacheFile } = await project('p10');
    const other = join(root, 'p10', 'more');
    mkdirSync(other);
    writeFileSync(join(other, 'c.ts'), revisionFile('cccc', 'bbbb'));
    symlinkSync(join(other, 'c.ts'), join(versions, '0-link.ts'));
    symlinkSync(join(versions, 'a.ts'), join(versions, 'z-link.ts'));
    const folders = [versions, other, versions];
    const direct = plain(scanRevisions(folders));
    assert.deepEqual(direct.map((s) => (s as RevisionScript).revision), ['cccc', 'aaaa', 'bbbb']);
    for (let i = 0; i < 2; i++) assert.deepEqual(plain(scanRevisions(folders, { cacheFile, cacheSettleMs: 0 })), direct);
  });

  test('a hard link is two files, and a folder with a revision file name is skipped', async () => {
    const { versions, cacheFile } = await project('p11');
    linkSync(join(versions, 'b.ts'), join(versions, 'c.ts'));
    mkdirSync(join(versions, 'd.ts'));
    symlinkSync(join(versions, 'd.ts'), join(versions, 'e.ts'));
    const direct = plain(scanRevisions([versions]));
    assert.deepEqual(direct.map((s) => (s as RevisionScript).path), ['a.ts', 'b.ts', 'c.ts'].map((name) => join(versions, name)));
    for (let i = 0; i < 2; i++) assert.deepEqual(plain(scanRevisions([versions], { cacheFile, cacheSettleMs: 0 })), direct);
  });
});
