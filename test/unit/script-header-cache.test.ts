/** The revision header cache: used only for files that did not change, never trusted over them. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
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
    assert.match(headerCacheFile([versions]) ?? '', new RegExp(`^${join(root, 'p0', 'node_modules', '.cache', 'alembic-ts')}/headers-[0-9a-f]{16}\\.json$`));
    assert.equal(headerCacheFile(['/']), undefined);
  });

  test('a scan through the cache gives what reading the files gives, before and after it is written', async () => {
    const { versions, cacheFile } = await project('p1');
    const direct = plain(scanRevisions([versions]));
    assert.deepEqual(plain(scanRevisions([versions], { cacheFile, cacheSettleMs: 0 })), direct);
    assert.deepEqual(Object.keys((JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: object }).entries).length, 2);
    assert.deepEqual(plain(scanRevisions([versions], { cacheFile, cacheSettleMs: 0 })), direct);
  });

  test('an unchanged file is taken from the cache', async () => {
    const { versions, cacheFile } = await project('p2');
    scanRevisions([versions], { cacheFile, cacheSettleMs: 0 });
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: Record<string, { message: string }> };
    (cache.entries[join(versions, 'a.ts')] as { message: string }).message = 'from the cache';
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
    for (const content of ['{"format":1,"entr', '[1,2]', 'null', JSON.stringify({ format: 1, reader: 'other', entries: {} })]) {
      mkdirSync(join(cacheFile, '..'), { recursive: true });
      writeFileSync(cacheFile, content);
      assert.deepEqual(plain(scanRevisions([versions], { cacheFile, cacheSettleMs: 0 })), direct);
      assert.equal(Object.keys((JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: object }).entries).length, 2);
    }
  });

  test('a malformed entry is read from the file', async () => {
    const { versions, cacheFile } = await project('p5');
    scanRevisions([versions], { cacheFile, cacheSettleMs: 0 });
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: Record<string, Record<string, unknown>> };
    (cache.entries[join(versions, 'a.ts')] as Record<string, unknown>)['downRevisions'] = 'not a list';
    writeFileSync(cacheFile, JSON.stringify(cache));
    assert.deepEqual(plain(scanRevisions([versions], { cacheFile, cacheSettleMs: 0 })), plain(scanRevisions([versions])));
  });

  test('files changed moments ago are not recorded', async () => {
    const { versions, cacheFile } = await project('p6');
    scanRevisions([versions], { cacheFile });
    assert.equal(Object.keys((JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: object }).entries).length, 0);
  });
});
