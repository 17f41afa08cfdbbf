/**
 * Imports user modules (models, revision files) at run time: `.ts` and `.mts` through tsx (or,
 * when they import only `alembic-ts`, transpiled once into a cache and run from there:
 * transpile-cache.ts, commonjs-module.ts),
 * `.js` and `.mjs` natively, with no build step. The import is Node's own dynamic `import()`,
 * so a model module and the CLI share one instance of `alembic-ts` (`instanceof` holds).
 */
import { existsSync, readFileSync } from 'node:fs';
import { register as registerHooks } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AlembicError } from '../errors.js';
import { canCompileCommonJs, evaluateCommonJs } from './commonjs-module.js';
import { transpiledModule } from './transpile-cache.js';

const TYPESCRIPT = ['.ts', '.mts'];
const SUPPORTED = [...TYPESCRIPT, '.js', '.mjs'];

/**
 * Runs in the loader thread after tsx's resolve. In a package without `"type": "module"`
 * (what `npm init` writes) Node and tsx take `.ts` files for CommonJS: their named exports are
 * then lost, and their `import 'alembic-ts'` becomes a `require` that tsx compiles into a
 * second copy of the package. Revision files and models are written as ES modules, so `.ts`
 * is loaded as one whatever the package type.
 */
const TS_AS_ESM_HOOK = `
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (result.format !== 'module' && result.url.startsWith('file:') && new URL(result.url).pathname.endsWith('.ts')) {
    return { ...result, format: 'module' };
  }
  return result;
}
`;

/**
 * Runs in the loader thread. A `.js` file in a package without a `"type"` gets no format from
 * Node's resolve; Node then finds ES module syntax by failing to parse it as CommonJS and
 * prints MODULE_TYPELESS_PACKAGE_JSON on stderr. Revision and model files are often ES modules
 * compiled into such a package, so a user's `.js` file (outside node_modules) is classified
 * here the same way, parsed as CommonJS first, and given its format, which Node does not warn
 * about. A CommonJS file keeps Node's own handling.
 */
const JS_FORMAT_HOOK = `
import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { fileURLToPath } from 'node:url';
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (result.format != null || !result.url.startsWith('file:')) return result;
  const path = fileURLToPath(result.url);
  if (!path.endsWith('.js') || path.includes('/node_modules/') || path.includes('\\\\node_modules\\\\')) return result;
  let source;
  try {
    source = readFileSync(path, 'utf8').replace(/^#!.*/, '');
  } catch {
    return result;
  }
  try {
    new Script('(function (exports, require, module, __filename, __dirname) {' + source + '\\n})', { filename: path });
    return result;
  } catch {
    return { ...result, format: 'module' };
  }
}
`;

let jsFormatReady = false;
const typelessFolders = new Map<string, boolean>();

/** Whether the package.json nearest `dir` (the one Node reads) has no `"type"`, or there is none. */
function inTypelessPackage(dir: string): boolean {
  let known = typelessFolders.get(dir);
  if (known === undefined) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        known = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === undefined;
      } catch {
        known = true;
      }
    } else {
      const parent = dirname(dir);
      known = parent === dir ? true : inTypelessPackage(parent);
    }
    typelessFolders.set(dir, known);
  }
  return known;
}

/**
 * Registered on the first `.js` import from a package without a `"type"` only: elsewhere Node
 * knows the format and prints no warning, and a loader thread costs startup time.
 */
function enableJsFormat(absPath: string): void {
  if (jsFormatReady || !inTypelessPackage(dirname(absPath))) return;
  jsFormatReady = true;
  registerHooks(`data:text/javascript,${encodeURIComponent(JS_FORMAT_HOOK)}`);
}

let typescriptReady: Promise<void> | undefined;

/** Registered on the first TypeScript import only: loading tsx and esbuild costs startup time. */
function enableTypeScript(): Promise<void> {
  typescriptReady ??= import('tsx/esm/api').then(({ register }) => {
    register();
    registerHooks(`data:text/javascript,${encodeURIComponent(TS_AS_ESM_HOOK)}`);
  });
  return typescriptReady;
}

export async function importModule(absPath: string): Promise<Record<string, unknown>> {
  const extension = extname(absPath);
  if (!SUPPORTED.includes(extension)) {
    throw new AlembicError('E_MODULE_IMPORT', `cannot import ${absPath}: expected a ${SUPPORTED.join(', ')} file`);
  }
  if (!existsSync(absPath)) throw new AlembicError('E_MODULE_IMPORT', `cannot import ${absPath}: no such file`);
  try {
    let url = pathToFileURL(absPath).href;
    if (extension === '.js') enableJsFormat(absPath);
    if (TYPESCRIPT.includes(extension)) {
      const transpiled = await transpiledModule(absPath);
      if (transpiled === undefined) {
        await enableTypeScript();
      } else if (transpiled.format === 'cjs' && canCompileCommonJs()) {
        return await evaluateCommonJs(transpiled.path, absPath, transpiled.packages);
      } else if (transpiled.format === 'esm') {
        url = pathToFileURL(transpiled.path).href;
      } else {
        await enableTypeScript();
      }
    }
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw importError(absPath, error);
  }
}

/** esbuild's "Transform failed with 1 error:\n/x/models.ts:3:25: ERROR: Unexpected ";"". */
const ESBUILD_ERROR = /^(.+?):(\d+):(\d+): ERROR: (.*)$/m;
/** A stack frame in a user file (not Node's internals, not a dependency). */
const USER_FRAME = /\(?(?:file:\/\/)?(\/[^():\s]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?$/;

function importError(absPath: string, error: unknown): AlembicError {
  const message = error instanceof Error ? error.message : String(error);
  const syntax = ESBUILD_ERROR.exec(message);
  if (syntax !== null) {
    const [, file, line, column, reason] = syntax;
    const where = file === absPath ? '' : ` in ${file}`;
    // esbuild counts columns from 0; editors and Node's stack traces count from 1.
    return new AlembicError(
      'E_MODULE_IMPORT',
      `cannot import ${absPath}: syntax error${where} at line ${line}, column ${Number(column) + 1}: ${reason}`,
      { cause: error },
    );
  }
  const name = error instanceof Error ? error.name : 'Error';
  const frame = error instanceof Error ? userFrame(error.stack ?? '') : undefined;
  const firstLine = message.split('\n')[0] ?? '';
  return new AlembicError(
    'E_MODULE_IMPORT',
    `cannot import ${absPath}: ${name}: ${firstLine}${frame === undefined ? '' : ` (at ${frame})`}`,
    { cause: error },
  );
}

function userFrame(stack: string): string | undefined {
  for (const line of stack.split('\n').slice(1)) {
    if (line.includes('/node_modules/') || line.includes('node:')) continue;
    const match = USER_FRAME.exec(line.trim());
    if (match !== null) return `${match[1]}:${match[2]}:${match[3]}`;
  }
  return undefined;
}
