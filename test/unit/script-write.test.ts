/** Writing revision files: exact bytes, parents by Alembic's rules, names, dates and hooks. */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { formatCreateDate, zonedDate } from '../../src/script/create-date.js';
import { renderFileName, slugify } from '../../src/script/file-name.js';
import { RevisionGraph } from '../../src/script/graph.js';
import { planUpgrade } from '../../src/script/plan.js';
import { hookCommand, PostWriteHookError, type PostWriteHookEvent } from '../../src/script/post-write-hooks.js';
import { scanRevisions } from '../../src/script/scan.js';
import { mergeRevisions, writeRevision } from '../../src/script/write-revision.js';
import type { WriteRevisionConfig } from '../../src/script/write-revision.js';

const TEMPLATE = new URL('../../migrations-template/generic/script.ts.tmpl', import.meta.url);
const NOW = new Date(Date.UTC(2026, 10, 21, 10, 0, 0));

const SPEC_EXAMPLE = `/**
 * create books
 *
 * Revision ID: 1a2b3c4d5e6f
 * Revises:
 * Create Date: 2026-11-21 10:00:00+00:00
 */
import { type Operations, integer, string } from 'alembic-ts';

export const revision = '1a2b3c4d5e6f';
export const downRevision: string | string[] | null = null;   // an array at a merge point
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {
  op.createTable('books', { id: integer().primaryKey(), title: string(200).notNull() });
}

export async function downgrade(op: Operations): Promise<void> {
  op.dropTable('books');
}
`;

const root = mkdtempSync(join(tmpdir(), 'alembic-ts-write-'));
after(() => rmSync(root, { recursive: true, force: true }));
let projects = 0;

/** A fresh migrations folder with the packaged template. */
function project(overrides: Partial<WriteRevisionConfig> = {}): WriteRevisionConfig & { graph: () => RevisionGraph } {
  const scriptLocation = join(root, `p${++projects}`, 'migrations');
  mkdirSync(join(scriptLocation, 'versions'), { recursive: true });
  copyFileSync(TEMPLATE, join(scriptLocation, 'script.ts.tmpl'));
  const config = {
    scriptLocation,
    versionLocations: [join(scriptLocation, 'versions')],
    fileTemplate: '{rev}_{slug}',
    truncateSlugLength: 40,
    timezone: 'UTC',
    now: NOW,
    ...overrides,
  };
  return { ...config, graph: () => new RevisionGraph(scanRevisions(config.versionLocations)) };
}

function codeOf(error: unknown): string | undefined {
  return (error as { code?: string }).code;
}

describe('writeRevision', () => {
  test('writes exactly the file of SPEC section 4 for a fixed id and date', async () => {
    const p = project();
    const written = await writeRevision(
      p,
      {
        message: 'create books',
        revId: '1a2b3c4d5e6f',
        imports: { 'alembic-ts': ['string', 'integer'] },
        upgradeBody: "  op.createTable('books', { id: integer().primaryKey(), title: string(200).notNull() });",
        downgradeBody: "  op.dropTable('books');",
      },
      p.graph(),
    );
    assert.equal(written.path, join(p.scriptLocation, 'versions', '1a2b3c4d5e6f_create_books.ts'));
    assert.equal(readFileSync(written.path, 'utf8'), SPEC_EXAMPLE);
    assert.equal(written.script.message, 'create books');
    assert.equal(written.script.createDate, '2026-11-21 10:00:00+00:00');
  });

  test('a hand-written revision on top of the head has blank bodies and revises the head', async () => {
    const p = project();
    await writeRevision(p, { message: 'first', revId: 'aaaa11112222' }, p.graph());
    const second = await writeRevision(p, { message: 'second', revId: 'bbbb11112222' }, p.graph());
    const text = readFileSync(second.path, 'utf8');
    assert.match(text, / \* Revises: aaaa11112222\n/);
    assert.match(text, /export const downRevision: string \| string\[\] \| null = 'aaaa11112222';/);
    assert.match(text, /export async function upgrade\(op: Operations\): Promise<void> \{\n\n\}/);
    assert.match(text, /^import \{ type Operations \} from 'alembic-ts';$/m);
    assert.deepEqual(p.graph().heads, ['bbbb11112222']);
    assert.deepEqual(planUpgrade(p.graph(), [], 'head').map((s) => s.revision), ['aaaa11112222', 'bbbb11112222']);
  });

  test('a random id is 12 lowercase hex characters', async () => {
    const p = project();
    const written = await writeRevision(p, { message: 'x' }, p.graph());
    assert.match(written.revision, /^[0-9a-f]{12}$/);
    assert.equal(basename(written.path), `${written.revision}_x.ts`);
  });

  test('with several heads, --head is required; a non-head needs --splice', async () => {
    const p = project();
    await writeRevision(p, { message: 'root', revId: 'root0001' }, p.graph());
    await writeRevision(p, { message: 'left', revId: 'left0001' }, p.graph());
    await assert.rejects(writeRevision(p, { message: 'right', revId: 'right001', head: 'root0001' }, p.graph()), (error: unknown) => {
      assert.equal(codeOf(error), 'E_NOT_A_HEAD');
      assert.match((error as { hint: string }).hint, /--splice/);
      return true;
    });
    await writeRevision(p, { message: 'right', revId: 'right001', head: 'root0001', splice: true }, p.graph());
    await assert.rejects(writeRevision(p, { message: 'next' }, p.graph()), (error: unknown) => {
      assert.equal(codeOf(error), 'E_MULTIPLE_HEADS');
      assert.match((error as Error).message, /left0001.*right001/);
      assert.match((error as { hint: string }).hint, /--head REV.*alembic-ts merge heads/);
      return true;
    });
    const onLeft = await writeRevision(p, { message: 'next', revId: 'next0001', head: 'left' }, p.graph());
    assert.match(readFileSync(onLeft.path, 'utf8'), /= 'left0001';/);
  });

  test('--head base with a branch label starts a new root', async () => {
    const p = project();
    await writeRevision(p, { message: 'main', revId: 'main0001' }, p.graph());
    const lib = await writeRevision(p, { message: 'networking', revId: 'net00001', head: 'base', branchLabel: 'networking' }, p.graph());
    const text = readFileSync(lib.path, 'utf8');
    assert.match(text, /downRevision: string \| string\[\] \| null = null;/);
    assert.match(text, /branchLabels: string\[\] \| null = \['networking'\];/);
    const graph = p.graph();
    assert.deepEqual(graph.bases, ['main0001', 'net00001']);
    const more = await writeRevision(p, { message: 'more', revId: 'net00002', head: 'networking@head' }, graph);
    assert.deepEqual(p.graph().node('net00002').branchLabels, ['networking']);
    assert.match(readFileSync(more.path, 'utf8'), /= 'net00001';/);
    await assert.rejects(writeRevision(p, { message: 'dup', head: 'base', branchLabel: 'networking' }, p.graph()), { code: 'E_DUPLICATE_BRANCH_LABEL' });
  });

  test('--rev-id must be sane and unused', async () => {
    const p = project();
    await writeRevision(p, { message: 'one', revId: 'abc123' }, p.graph());
    await assert.rejects(writeRevision(p, { message: 'two', revId: 'abc-123' }, p.graph()), { code: 'E_INVALID_REVISION_ID' });
    await assert.rejects(writeRevision(p, { message: 'two', revId: 'head' }, p.graph()), { code: 'E_INVALID_REVISION_ID' });
    await assert.rejects(writeRevision(p, { message: 'two', revId: 'abc123' }, p.graph()), { code: 'E_REVISION_ID_COLLISION', message: /abc123_one\.ts/ });
  });

  test('--depends-on stores full ids, and labels as written', async () => {
    const p = project();
    await writeRevision(p, { message: 'lib', revId: 'lib000000001', branchLabel: 'lib' }, p.graph());
    await writeRevision(p, { message: 'app', revId: 'app000000001', head: 'base' }, p.graph());
    const dep = await writeRevision(p, { message: 'uses lib', revId: 'app000000002', head: 'app0', dependsOn: ['lib0', 'lib'] }, p.graph());
    assert.match(readFileSync(dep.path, 'utf8'), /dependsOn: string\[\] \| null = \['lib000000001', 'lib'\];/);
  });

  test('a message on several lines stays inside the doc comment', async () => {
    const p = project();
    const written = await writeRevision(p, { message: 'first line\nsecond */ line', revId: 'multi001' }, p.graph());
    const text = readFileSync(written.path, 'utf8');
    assert.match(text, /^\/\*\*\n \* first line\n \* second \*\\\/ line\n/);
    assert.equal(basename(written.path), 'multi001_first_line_second_line.ts');
    assert.equal(written.script.message, 'first line');
  });

  test('--version-path picks one of several locations; without it the parent decides', async () => {
    const p = project();
    const other = join(p.scriptLocation, 'other');
    const config = { ...p, versionLocations: [...p.versionLocations, other] };
    const graph = (): RevisionGraph => new RevisionGraph(scanRevisions(config.versionLocations));
    await assert.rejects(writeRevision(config, { message: 'first' }, graph()), { code: 'E_VERSION_PATH' });
    const first = await writeRevision(config, { message: 'first', revId: 'vp000001', versionPath: other }, graph());
    assert.equal(first.path, join(other, 'vp000001_first.ts'));
    const second = await writeRevision(config, { message: 'second', revId: 'vp000002' }, graph());
    assert.equal(second.path, join(other, 'vp000002_second.ts'));
    await assert.rejects(writeRevision(config, { message: 'x', versionPath: join(root, 'elsewhere') }, graph()), { code: 'E_VERSION_PATH' });
  });

  test('a missing template is an error with a hint', async () => {
    const p = project();
    rmSync(join(p.scriptLocation, 'script.ts.tmpl'));
    await assert.rejects(writeRevision(p, { message: 'x' }, p.graph()), { code: 'E_TEMPLATE_NOT_FOUND' });
  });

  test('an unknown template placeholder names the template', async () => {
    const p = project();
    writeFileSync(join(p.scriptLocation, 'script.ts.tmpl'), "export const revision = '${revision}';\n// ${nope} $${kept}\n");
    await assert.rejects(writeRevision(p, { message: 'x' }, p.graph()), { code: 'E_TEMPLATE', message: /script\.ts\.tmpl uses an unknown placeholder \$\{nope\}/ });
  });
});

describe('mergeRevisions', () => {
  test('merge heads writes a revision with both heads as down revisions', async () => {
    const p = project();
    await writeRevision(p, { message: 'root', revId: 'root0001' }, p.graph());
    await writeRevision(p, { message: 'a', revId: 'aaaa0001' }, p.graph());
    await writeRevision(p, { message: 'b', revId: 'bbbb0001', head: 'root0001', splice: true }, p.graph());
    const merge = await mergeRevisions(p, { revisions: ['heads'], message: 'merge heads', revId: 'merge001' }, p.graph());
    const text = readFileSync(merge.path, 'utf8');
    assert.match(text, / \* Revises: aaaa0001, bbbb0001\n/);
    assert.match(text, /downRevision: string \| string\[\] \| null = \['aaaa0001', 'bbbb0001'\];/);
    const graph = p.graph();
    assert.deepEqual(graph.heads, ['merge001']);
    assert.deepEqual(graph.mergePoints, ['merge001']);
  });

  test('merging fewer than two revisions is an error', async () => {
    const p = project();
    await writeRevision(p, { message: 'root', revId: 'root0001' }, p.graph());
    await assert.rejects(mergeRevisions(p, { revisions: ['heads'], message: 'merge' }, p.graph()), { code: 'E_NOTHING_TO_MERGE' });
  });
});

describe('post-write hooks', () => {
  test('each hook runs on the new file, {file} replaced', async () => {
    const p = project({ postWriteHooks: [{ command: "printf '// hooked\\n' >> {file}" }, { command: 'test -f' }] });
    const written = await writeRevision(p, { message: 'hooked', revId: 'hook0001' }, p.graph());
    assert.match(readFileSync(written.path, 'utf8'), /\/\/ hooked\n$/);
    assert.equal(written.script.checksum.length, 64);
  });

  test('a failing hook is a one-line error naming the hook and the file; its output and the file are on the error', async () => {
    const p = project({ postWriteHooks: [{ command: 'echo formatter broke >&2; exit 3' }] });
    await assert.rejects(writeRevision(p, { message: 'x', revId: 'hook0002' }, p.graph()), (error: unknown) => {
      assert.equal(codeOf(error), 'E_POST_WRITE_HOOK_FAILED');
      assert.match((error as Error).message, /^post-write hook `echo formatter broke >&2; exit 3` exited with code 3 on .*hook0002_x\.ts$/);
      assert.ok(error instanceof PostWriteHookError);
      assert.equal(error.output, 'formatter broke\n');
      assert.match(error.file, /hook0002_x\.ts$/);
      return true;
    });
  });

  test('each hook reports its start, its output and its end', async () => {
    const events: PostWriteHookEvent[] = [];
    const p = { ...project({ postWriteHooks: [{ command: 'echo formatted' }] }), onPostWriteHook: (e: PostWriteHookEvent) => events.push(e) };
    const written = await writeRevision(p, { message: 'x', revId: 'hook0003' }, p.graph());
    assert.deepEqual(events, [
      { kind: 'start', command: 'echo formatted', file: written.path },
      { kind: 'output', command: 'echo formatted', text: `formatted ${written.path}\n` },
      { kind: 'done', command: 'echo formatted', file: written.path },
    ]);
  });

  test('the file path is quoted for the shell', () => {
    assert.equal(hookCommand({ command: 'prettier --write {file}' }, "/tmp/it's.ts"), "prettier --write '/tmp/it'\\''s.ts'");
    assert.equal(hookCommand({ command: 'eslint --fix' }, '/tmp/a.ts'), "eslint --fix '/tmp/a.ts'");
  });
});

describe('names and dates', () => {
  test('the slug is cut at a word boundary like Alembic', () => {
    assert.equal(slugify('Add a very long column name to the users table', 20), 'add_a_very_long_');
    assert.equal(slugify("create books (v2)!", 40), 'create_books_v2');
    assert.equal(slugify('abcdefghijklmnopqrstuvwxyz', 10), 'abcdefghij_');
    assert.equal(slugify('', 40), '');
  });

  test('create dates in named time zones, with their offsets', () => {
    assert.equal(formatCreateDate(zonedDate(NOW, 'UTC')), '2026-11-21 10:00:00+00:00');
    assert.equal(formatCreateDate(zonedDate(NOW, 'Asia/Kolkata')), '2026-11-21 15:30:00+05:30');
    assert.equal(formatCreateDate(zonedDate(NOW, 'America/New_York')), '2026-11-21 05:00:00-05:00');
    assert.equal(formatCreateDate(zonedDate(NOW, 'America/St_Johns')), '2026-11-21 06:30:00-03:30');
    assert.throws(() => zonedDate(NOW, 'Mars/Olympus'), { code: 'E_UNKNOWN_TIMEZONE' });
  });

  test('file template tokens are zero-padded and unknown tokens are config errors', () => {
    const date = zonedDate(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), 'UTC');
    assert.equal(renderFileName('{year}{month}{day}_{hour}{minute}{second}_{rev}_{slug}', { rev: 'r1', slug: 's', date }), '20260102_030405_r1_s');
    assert.equal(renderFileName('{epoch}_{rev}', { rev: 'r1', slug: 's', date }), `${Date.UTC(2026, 0, 2, 3, 4, 5) / 1000}_r1`);
    assert.throws(() => renderFileName('{rev}_{nope}', { rev: 'r', slug: 's', date }), { code: 'E_INVALID_FILE_TEMPLATE', message: /\{nope\}/ });
    assert.throws(() => renderFileName('sub/{rev}', { rev: 'r', slug: 's', date }), { code: 'E_INVALID_FILE_TEMPLATE' });
  });

  test('the file name follows fileTemplate in the configured time zone', async () => {
    const p = project({ fileTemplate: '{year}_{month}_{day}_{hour}{minute}_{rev}_{slug}', timezone: 'Asia/Kolkata', truncateSlugLength: 8 });
    const written = await writeRevision(p, { message: 'create the books table', revId: 'tz000001' }, p.graph());
    assert.equal(basename(written.path), '2026_11_21_1530_tz000001_create_.ts');
    assert.equal(written.script.createDate, '2026-11-21 15:30:00+05:30');
  });
});
