import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importModule } from '../../src/loader/import-module.js';
import { importError, tempFiles } from '../helpers/import-files.js';

// A project as a user has it: node_modules/alembic-ts is a symlink to a package elsewhere
// (here a stand-in with one class), as npm link and test/helpers/cli-project.ts make it.
const { root, write } = tempFiles('alembic-transpile-');

write('package/package.json', '{ "name": "alembic-ts", "type": "module", "exports": { ".": "./index.js" } }');
const packageEntry = write('package/index.js', 'export class Operations {}\nexport const op = new Operations();\n');
mkdirSync(join(root, 'project', 'node_modules'), { recursive: true });
symlinkSync(join(root, 'package'), join(root, 'project', 'node_modules', 'alembic-ts'), 'dir');
const cache = join(root, 'project', 'node_modules', '.cache', 'alembic-ts', 'modules');

/** The transpiled files in the cache (not their source maps, nor the bridges to the package). */
const cached = (): string[] =>
  existsSync(cache) ? readdirSync(cache).filter((f) => !f.startsWith('bridge-') && /\.(cjs|mjs)$/.test(f)) : [];

describe('importModule on a file that imports only alembic-ts', () => {
  test('loads it from the transpile cache, with the same instance of the package', async () => {
    const path = write(
      'project/migrations/versions/a1_first.ts',
      "import { op, type Operations } from 'alembic-ts';\nimport { sep } from 'node:path';\n" +
        "export const revision: string = 'a1';\nexport const shared: Operations = op;\nexport const separator = sep;\n",
    );
    const before = cached().length;
    const module = await importModule(path);
    const { Operations } = (await importModule(packageEntry)) as { Operations: new () => unknown };
    assert.equal(module['revision'], 'a1');
    assert.ok(module['shared'] instanceof Operations);
    assert.equal(cached().length, before + 1);
  });

  test('runs as one instance per file, strict, with default imports of built-ins and top-level await', async () => {
    const path = write(
      'project/migrations/versions/c3.ts',
      "import path from 'node:path';\nexport const joined: string = path.join('a', 'b');\n" +
        "export const strict: boolean = (function (this: unknown) { return this === undefined; })();\n",
    );
    const first = await importModule(path);
    assert.equal(first['joined'], join('a', 'b'));
    assert.equal(first['strict'], true);
    assert.equal(await importModule(path), first);
    const awaiting = write('project/migrations/versions/d4.ts', "export const n: number = await Promise.resolve(4);\n");
    assert.equal((await importModule(awaiting))['n'], 4);
    assert.ok(cached().some((f) => f.endsWith('.mjs')), 'top-level await keeps the ES module form');
  });

  test('a name the package does not export fails as ES module linking would', async () => {
    const path = write(
      'project/migrations/versions/e5.ts',
      "import { nothingLikeThis } from 'alembic-ts';\nexport function upgrade(): unknown { return nothingLikeThis; }\n",
    );
    const module = await importModule(path);
    assert.throws(() => (module['upgrade'] as () => unknown)(), {
      name: 'SyntaxError',
      message: "The requested module 'alembic-ts' does not provide an export named 'nothingLikeThis'",
    });
  });

  test('an error thrown by a function of the file names the source line', async () => {
    const path = write(
      'project/migrations/versions/f6.ts',
      "interface Shape {\n  n: number;\n}\nexport function upgrade(): void {\n  const s: Shape = { n: 1 };\n  throw new Error(`boom ${s.n}`);\n}\n",
    );
    const module = await importModule(path);
    const error = (() => { try { (module['upgrade'] as () => void)(); } catch (e) { return e as Error; } return undefined; })();
    assert.match(error?.stack ?? '', new RegExp(`${path.replaceAll('.', '\\.')}:6:9`));
  });

  test('a changed file is transpiled anew, an unchanged one reuses its entry', async () => {
    const path = write('project/migrations/versions/b2.ts', "export const n: number = 1;\n");
    assert.equal((await importModule(path))['n'], 1);
    const entries = cached().length;
    write('project/migrations/versions/b2.ts', "export const n: number = 2;\n");
    assert.equal((await importModule(path))['n'], 2);
    assert.equal(cached().length, entries + 1);
  });

  test('an error thrown while loading names the source file and line, not the cache', async () => {
    const path = write(
      'project/models/throws.ts',
      "import type { Operations } from 'alembic-ts';\nconst ready: boolean = false;\nif (!ready) throw new Error('models are not ready');\n",
    );
    const error = await importError(path);
    assert.equal(error.message, `cannot import ${path}: Error: models are not ready (at ${path}:3:19)`);
  });

  test('a syntax error names the file and the line', async () => {
    const path = write('project/models/broken.ts', 'export const a = 1;\n\nexport const b: number = ;\n');
    const error = await importError(path);
    assert.equal(error.message, `cannot import ${path}: syntax error at line 3, column 26: Unexpected ";"`);
  });

  test('files with relative imports, import.meta or classes still load, through tsx', async () => {
    write('project/models/users.ts', 'export const users: string = "users";\n');
    const relative = write('project/models/relative.ts', 'export { users } from "./users.js";\n');
    const meta = write('project/models/meta.ts', 'export const url: string = import.meta.url;\n');
    const withClass = write('project/models/class.ts', 'export class Book { title = "Dune"; }\n');
    const entries = cached().length;
    assert.equal((await importModule(relative))['users'], 'users');
    assert.equal((await importModule(meta))['url'], `file://${meta}`);
    assert.equal(typeof (await importModule(withClass))['Book'], 'function');
    assert.equal(cached().length, entries);
  });

  test('V8 code cache: written when the process exits, used by the next one, stack traces still on the source line', () => {
    const path = write(
      'project/migrations/versions/g7.ts',
      "type Id = string;\nexport const revision: Id = 'g7';\n\nexport function upgrade(): void {\n  throw new Error('from g7');\n}\n",
    );
    const loader = fileURLToPath(new URL('../../src/loader/import-module.ts', import.meta.url));
    const script =
      `const { importModule } = await import(${JSON.stringify(loader)});` +
      `const m = await importModule(${JSON.stringify(path)});` +
      `try { m.upgrade(); } catch (e) { console.log(e.stack.split('\\n')[1].trim()); }`;
    const run = (): string =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
    const codeCaches = (): string[] => readdirSync(cache).filter((f) => f.endsWith('.cjs.v8'));
    const before = existsSync(cache) ? codeCaches() : [];
    assert.equal(run(), `at Object.upgrade (${path}:5:9)`);
    const written = codeCaches().filter((f) => !before.includes(f));
    assert.equal(written.length, 1, 'the first process writes the code cache of the file it compiled');
    const cacheFile = join(cache, written[0]!);
    const { mtimeMs } = statSync(cacheFile);
    assert.equal(run(), `at Object.upgrade (${path}:5:9)`);
    assert.equal(statSync(cacheFile).mtimeMs, mtimeMs, 'a cache V8 accepted is not written again');
  });
});
