/**
 * Runs a transpiled file of the fast path (transpile-cache.ts) as a CommonJS function rather
 * than importing it as an ES module. Node's ES module loader costs about half a millisecond per
 * file (an asynchronous open and read, URL resolution, a module job, linking); a chain of 1,000
 * revisions spent more time there than in its own DDL.
 *
 * The function is compiled with V8's code cache, kept beside the cache entry (`<entry>.v8`)
 * and written when the process exits, so that it holds the functions the run compiled too:
 * a 500-table models module otherwise spends more time being parsed and having its table
 * callbacks compiled than being run. Module.prototype._compile (which ts-node and
 * @babel/register use) takes no code cache, so the function comes from vm.Script; _compile is
 * still called, with a one-line module naming the source map, because that is how Node learns
 * the map of a CommonJS file: stack traces then name the user's file and line.
 *
 * What the file imports is what its ES module form would get: `alembic-ts` (and
 * `alembic-ts/postgresql`) come from a one-line bridge module beside the cache entries,
 * `export * from 'alembic-ts'`, which Node resolves from the same folder the ES module would
 * have been imported from, so there is still one instance of the package; `node:` built-ins
 * come from Node. A name the package does not export fails when it is used, with the message
 * Node's linker would give.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

type Namespace = Record<string, unknown>;

interface CompilableModule {
  exports: unknown;
  filename: string;
  require: (id: string) => unknown;
  _compile?: (code: string, filename: string) => void;
}

const requireBuiltin = createRequire(import.meta.url);
/** Loaded modules by cache entry: importing a file twice gives the same exports, as import() does. */
const evaluated = new Map<string, Namespace>();
/** The package as CommonJS code sees it, by `<cache folder>\0<specifier>`. */
const bridges = new Map<string, Promise<{ readonly linked: unknown }>>();

/** False when this Node has no Module.prototype._compile: the caller imports the ES module form. */
export function canCompileCommonJs(): boolean {
  return typeof (Module.prototype as unknown as CompilableModule)._compile === 'function';
}

/**
 * The exports of the transpiled CommonJS code in `entry` (a cache file), run as `sourcePath`.
 * `packages` are the bare specifiers the file imports (node: built-ins excluded).
 */
export async function evaluateCommonJs(entry: string, sourcePath: string, packages: readonly string[]): Promise<Namespace> {
  const done = evaluated.get(entry);
  if (done !== undefined) return done;
  const resolved = new Map<string, unknown>();
  for (const specifier of packages) resolved.set(specifier, (await bridge(dirname(entry), specifier)).linked);
  const module = new Module(sourcePath) as unknown as CompilableModule;
  module.filename = sourcePath;
  module.require = (id: string): unknown => (resolved.has(id) ? resolved.get(id) : requireBuiltin(id));
  run(module, entry, sourcePath);
  const exports = module.exports as Namespace;
  evaluated.set(entry, exports);
  return exports;
}

type ModuleFunction = (exports: unknown, require: unknown, module: unknown, filename: string, dirname: string) => void;

/** Scripts compiled without a usable code cache, whose cache is written at exit. */
const uncached: { readonly file: string; readonly script: Script }[] = [];

function run(module: CompilableModule, entry: string, sourcePath: string): void {
  const cacheFile = `${entry}.v8`;
  const cachedData = readIfPresent(cacheFile);
  // Registers the entry's source map under the source file's name (transpile-cache.ts writes it).
  module._compile!(`//# sourceMappingURL=${entry}.map\n`, sourcePath);
  const script = new Script(Module.wrap(readFileSync(entry, 'utf8')), { filename: sourcePath, ...(cachedData ? { cachedData } : {}) });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    if (uncached.length === 0) process.once('exit', writeCodeCaches);
    uncached.push({ file: cacheFile, script });
  }
  const compiled = script.runInThisContext({ displayErrors: true }) as ModuleFunction;
  compiled.call(module.exports, module.exports, module.require, module, sourcePath, dirname(sourcePath));
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written only means compiling again next time. */
function writeCodeCaches(): void {
  for (const { file, script } of uncached.splice(0)) {
    try {
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, file);
    } catch {
      // A read-only cache folder, a full disk: next run compiles from source.
    }
  }
}

/** Imports `specifier` through a module in `folder` that re-exports it. */
function bridge(folder: string, specifier: string): Promise<{ readonly linked: unknown }> {
  const key = `${folder}\u0000${specifier}`;
  let loading = bridges.get(key);
  if (loading === undefined) {
    const path = join(folder, `bridge-${specifier.replaceAll('/', '-')}.mjs`);
    const text = `export * from ${JSON.stringify(specifier)};\n`;
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      mkdirSync(folder, { recursive: true });
      const partial = `${path}.${process.pid}.tmp`;
      writeFileSync(partial, text);
      renameSync(partial, path);
    }
    loading = (import(pathToFileURL(path).href) as Promise<Namespace>).then((namespace) => ({
      // Boxed: a promise resolved with the proxy itself would ask it for `then`.
      linked: linked(specifier, namespace),
    }));
    bridges.set(key, loading);
  }
  return loading;
}

/**
 * The package as the CommonJS code sees it: marked as an ES module (so a default import reads
 * `default`, as in ES modules), and strict about names, as ES module linking is.
 */
function linked(specifier: string, namespace: Namespace): unknown {
  const target: Namespace = Object.assign(Object.create(null) as Namespace, namespace);
  Object.defineProperty(target, '__esModule', { value: true });
  return new Proxy(target, {
    get(object, name) {
      if (typeof name === 'string' && !(name in object)) {
        throw new SyntaxError(`The requested module '${specifier}' does not provide an export named '${name}'`);
      }
      return object[name as string];
    },
  });
}
