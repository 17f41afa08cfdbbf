/**
 * The fast path for TypeScript: a `.ts` file that imports nothing but `alembic-ts` and Node's
 * built-ins (revision files, simple models) is transpiled once by esbuild into
 * `<nearest node_modules>/.cache/alembic-ts/modules/<hash>.cjs` (its source map beside it, in
 * `<hash>.cjs.map`) and run as a CommonJS function
 * (commonjs-module.ts), or, when it uses top-level await, into `<hash>.mjs` and imported
 * natively. tsx's loader runs in a worker thread that costs about 100 ms to start and a
 * cross-thread round trip per file; this path costs a read and a hash per file once the cache
 * is warm.
 *
 * Bare imports resolve the same from the cache as from the source file because the cache sits
 * inside the node_modules folder that the source file's resolution reaches first (and that
 * folder is required to hold `alembic-ts`). A symlinked `node_modules/alembic-ts` resolves to
 * its real path from both places, so there is still one instance of the package.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { nearestNodeModules, toolCacheFolder } from '../tool-cache.js';

/** Bumped when the transform below changes, so that older cache entries are not reused. */
const TRANSFORM_VERSION = '4';
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

/** A transpiled file in the cache: CommonJS to run as a function, or an ES module to import. */
export interface TranspiledModule {
  readonly format: 'cjs' | 'esm';
  readonly path: string;
  /** The packages it imports (`alembic-ts`, `alembic-ts/postgresql`); built-ins are not listed. */
  readonly packages: readonly string[];
}

/**
 * The transpiled form of the file, written on first use; undefined when the file must go
 * through tsx. A syntax error is thrown as esbuild reports it, as tsx would.
 */
export async function transpiledModule(absPath: string): Promise<TranspiledModule | undefined> {
  const source = readFileSync(absPath, 'utf8');
  if (NEEDS_TSX.test(source)) return undefined;
  const packages = importedPackages(source);
  if (packages === undefined) return undefined;
  const modules = nodeModulesFolder(dirname(absPath));
  if (modules === undefined) return undefined;
  const version = installedEsbuildVersion();
  if (version === undefined) return undefined;
  const key = createHash('sha256')
    .update(`${TRANSFORM_VERSION}\u0000${version}\u0000${process.versions.node}\u0000${absPath}\u0000${source}`)
    .digest('hex');
  const base = join(toolCacheFolder(modules), 'modules', key);
  let format = cachedFormat(base);
  format ??= await writeTranspiled(absPath, source, base);
  if (format === undefined) return undefined;
  if (!sourceMapsEnabled) {
    // Stack traces and errors thrown while loading then name the user's file and line.
    process.setSourceMapsEnabled(true);
    sourceMapsEnabled = true;
  }
  return { format, path: `${base}.${format === 'cjs' ? 'cjs' : 'mjs'}`, packages };
}

function cachedFormat(base: string): 'cjs' | 'esm' | undefined {
  if (existsSync(`${base}.cjs`)) return 'cjs';
  return existsSync(`${base}.mjs`) ? 'esm' : undefined;
}

/** The packages the file imports, or undefined when it imports anything else. */
function importedPackages(source: string): string[] | undefined {
  const packages: string[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[2]!;
    if (specifier.startsWith('node:')) continue;
    if (!ALLOWED_BARE.has(specifier)) return undefined;
    if (!packages.includes(specifier)) packages.push(specifier);
  }
  return packages;
}

/** The nearest node_modules above `dir`, when it holds `alembic-ts` (else resolution could differ). */
function nodeModulesFolder(dir: string): string | undefined {
  if (modulesFolders.has(dir)) return modulesFolders.get(dir);
  const modules = nearestNodeModules(dir);
  const found = modules !== undefined && existsSync(join(modules, PACKAGE)) ? modules : undefined;
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

/**
 * Writes the CommonJS form, or the ES module form when the file needs it (top-level await);
 * undefined when the cache cannot be written (a read-only node_modules): tsx then loads the file.
 */
async function writeTranspiled(absPath: string, source: string, base: string): Promise<'cjs' | 'esm' | undefined> {
  const { transform } = await import('esbuild');
  const options = {
    loader: 'ts',
    target: `node${process.versions.node}`,
    // In a file beside the module, without the source's copy: Node reads the map of every
    // module it loads with source maps on and measures each line of the module's text, so an
    // inline map (base64 in the module) more than doubles that work. Stack traces need only
    // the mappings; a code frame's line is read from the source file.
    sourcemap: 'external',
    sourcesContent: false,
    sourcefile: absPath,
  } as const;
  let format: 'cjs' | 'esm' = 'cjs';
  let code: string;
  let map: string;
  try {
    // ES modules are strict; the banner keeps the CommonJS form so (esbuild maps around it).
    ({ code, map } = await transform(source, { ...options, format, banner: '"use strict";' }));
  } catch (error) {
    if (!String(error).includes('Top-level await')) throw error;
    format = 'esm';
    ({ code, map } = await transform(source, { ...options, format }));
  }
  const target = `${base}.${format === 'cjs' ? 'cjs' : 'mjs'}`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    // Written aside and renamed, so that a concurrent run never loads half a file; the map
    // first, so that a module in place always has its map. The map's path is absolute: the
    // CommonJS form runs under the source file's name, which a relative one would resolve from
    // (Node 20 resolves a path there, not a file: URL).
    writeAtomically(`${target}.map`, map);
    writeAtomically(target, `${code}//# sourceMappingURL=${target}.map\n`);
    return format;
  } catch {
    return undefined;
  }
}
