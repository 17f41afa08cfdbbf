import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root: the nearest folder above this module with a package.json. The module
 * runs from src/api/ (tests), or from a bundle chunk in dist/ or dist/chunks/, so its depth is
 * not fixed.
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`alembic-ts: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

/** `<package>/migrations-template/`, whose folders are the templates `init` copies. */
export function templatesDir(): string {
  return join(packageRoot(), 'migrations-template');
}
