/**
 * `npm run build`: type declarations from tsc, code from esbuild as a few bundled ES modules.
 *
 * Why a bundle: Node's ES module loader costs a resolve, an open, a read, a compile and a link
 * per file, and a command loaded some sixty of our files before doing anything (13 ms of the
 * 65 ms a `current` on an empty project spends beyond Node's own start). esbuild splits the
 * entry points below into shared chunks, so every entry still sees one instance of each
 * module: a user's models, importing `alembic-ts` (dist/index.js), get the same classes as
 * the CLI that loads them. Commands are still imported lazily, each from its own chunk.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
process.chdir(root);

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--emitDeclarationOnly'], { stdio: 'inherit' });

await build({
  entryPoints: {
    index: 'src/index.ts',
    postgresql: 'src/postgresql.ts',
    'cli/main': 'src/cli/main.ts',
    // Not in the package's exports: the benchmarks' in-process timers (bench/inproc/dist.ts).
    internals: 'src/internals.ts',
  },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
chmodSync(join(dist, 'cli', 'main.js'), 0o755);
