/**
 * Where the tool keeps its caches: `.cache/alembic-ts/` in the node_modules folder that a
 * project's files resolve packages from (the nearest one above them), as other tools do
 * (`node_modules/.cache/<tool>`). No node_modules, no cache.
 */
import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';

/** The nearest `node_modules` folder at or above `dir`, or undefined. */
export function nearestNodeModules(dir: string): string | undefined {
  const { root } = parse(dir);
  for (let at = dir; ; at = dirname(at)) {
    const modules = join(at, 'node_modules');
    if (existsSync(modules)) return modules;
    if (at === root) return undefined;
  }
}

/** The tool's cache folder inside `modules` (a node_modules folder). */
export function toolCacheFolder(modules: string): string {
  return join(modules, '.cache', 'alembic-ts');
}
