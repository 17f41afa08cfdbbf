/**
 * The fast path for TypeScript: a `.ts` file that imports nothing but `alembic-ts` and Node's
 * built-ins (revision files, simple models) is transpiled once by esbuild into
 * `<nearest node_modules>/.cache/alembic-ts/modules/<hash>.mjs` (its source map beside it, in
 * `<hash>.mjs.map`) and imported natively. tsx's loader runs in a worker thread that costs
 * about 100 ms to start and a cross-thread round trip per file; this path costs a read and a
 * hash per file once the cache is warm.
 *
 * Bare imports resolve the same from the cache as from the source file because the cache sits
 * inside the node_modules folder that the source file's resolution reaches first (and that
 * folder is required to hold `alembic-ts`). A symlinked `node_modules/alembic-ts` resolves to
 * its real path from both places, so there is still one instance of the package.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, parse } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bumped when the transform below changes, so that older cache entries are not reused. */
const TRANSFORM_VERSION = '3';
const PACKAGE = 'alembic-ts';
const ALLOWED_BARE = new Set([PACKAGE, `${PACKAGE}/postgresql`]);

/**
 * What the fast path cannot reproduce exactly, left to tsx: dynamic `import()` and `require`
 * (whose targets a scan cannot see), `import.meta` (it would name the cache file), and
 * decorators and classes (their emit depends on the project's tsconfig, which tsx reads).
 * A match inside a comment or a string only sends the file to tsx.
 */
const NEEDS_TSX = /\bimport\s*\(|\bimport\s*\.\s*meta\b|\brequire\s*\(|\bclass\b|^\s*@[\w$]/m;
/** Every static import and re-export: `from "x"`, and `import "x"` for side effects. */
const SPECIFIER = /\b(?:from|import)\s*(['"])(.*?)\1/g;

const modulesFolders = new Map<string, string | undefined>();
let esbuildVersion: string | undefined;
let sourceMapsEnabled = false;

/**
 * The `file:` URL of the transpiled module, written on first use; undefined when the file must
 * go through tsx. A syntax error is thrown as esbuild reports it, as tsx would.
 */
export async function transpiledModuleUrl(absPath: string): Promise<string | undefined> {
  const source = readFileSync(absPath, 'utf8');
  if (NEEDS_TSX.test(source) || !onlyAllowedImports(source)) return undefined;
  const modules = nodeModulesFolder(dirname(absPath));
  if (modules === undefined) return undefined;
  const version = installedEsbuildVersion();
  if (version === undefined) return undefined;
  const key = createHash('sha256')
    .update(`${TRANSFORM_VERSION}\u0000${version}\u0000${process.versions.node}\u0000${absPath}\u0000${source}`)
    .digest('hex');
  const target = join(modules, '.cache', PACKAGE, 'modules', `${key}.mjs`);
  if (!existsSync(target) && !(await writeTranspiled(absPath, source, target))) return undefined;
  if (!sourceMapsEnabled) {
    // Stack traces and errors thrown while loading then name the user's file and line.
    process.setSourceMapsEnabled(true);
    sourceMapsEnabled = true;
  }
  return pathToFileURL(target).href;
}

function onlyAllowedImports(source: string): boolean {
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[2]!;
    if (!ALLOWED_BARE.has(specifier) && !specifier.startsWith('node:')) return false;
  }
  return true;
}

/** The nearest node_modules above `dir`, when it holds `alembic-ts` (else resolution could differ). */
function nodeModulesFolder(dir: string): string | undefined {
  if (modulesFolders.has(dir)) return modulesFolders.get(dir);
  const { root } = parse(dir);
  let found: string | undefined;
  for (let at = dir; ; at = dirname(at)) {
    const modules = join(at, 'node_modules');
    if (existsSync(modules)) {
      found = existsSync(join(modules, PACKAGE)) ? modules : undefined;
      break;
    }
    if (at === root) break;
  }
  modulesFolders.set(dir, found);
  return found;
}

/** The version of the esbuild this package would import, read without loading esbuild. */
function installedEsbuildVersion(): string | undefined {
  if (esbuildVersion !== undefined) return esbuildVersion;
  try {
    const manifest = createRequire(import.meta.url).resolve('esbuild/package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown };
    if (typeof version === 'string') esbuildVersion = version;
  } catch {
    // No esbuild next to this package: every file goes through tsx.
  }
  return esbuildVersion;
}

function writeAtomically(path: string, text: string): void {
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, path);
}

/** False when the cache cannot be written (a read-only node_modules): tsx then loads the file. */
async function writeTranspiled(absPath: string, source: string, target: string): Promise<boolean> {
  const { transform } = await import('esbuild');
  const { code, map } = await transform(source, {
    loader: 'ts',
    format: 'esm',
    target: `node${process.versions.node}`,
    // In a file beside the module, without the source's copy: Node reads the map of every
    // module it loads with source maps on and measures each line of the module's text, so an
    // inline map (base64 in the module) more than doubles that work. Stack traces need only
    // the mappings; a code frame's line is read from the source file.
    sourcemap: 'external',
    sourcesContent: false,
    sourcefile: absPath,
  });
  try {
    mkdirSync(dirname(target), { recursive: true });
    // Written aside and renamed, so that a concurrent run never imports half a file; the map
    // first, so that a module in place always has its map.
    writeAtomically(`${target}.map`, map);
    writeAtomically(target, `${code}//# sourceMappingURL=${basename(target)}.map\n`);
    return true;
  } catch {
    return false;
  }
}
