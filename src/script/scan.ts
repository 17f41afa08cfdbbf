import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RevisionError } from '../errors.js';
import { readRevisionHeader } from './read-header.js';
import type { RevisionScript } from './revision-script.js';

const REVISION_FILE = /\.(?:ts|js|mjs)$/;
const DECLARATION_FILE = /\.d\.(?:ts|mts)$/;

export function isRevisionFileName(name: string): boolean {
  return REVISION_FILE.test(name) && !DECLARATION_FILE.test(name) && !name.startsWith('_') && !name.startsWith('.');
}

function readScript(path: string): RevisionScript {
  const header = readRevisionHeader(readFileSync(path, 'utf8'), path);
  if (header.revision === undefined && !header.needsImport) {
    throw new RevisionError('E_INVALID_REVISION_FILE', `${path} does not declare a revision id`, {
      hint: "A revision file exports `export const revision = '<id>';`. Move other files out of the versions folder, or prefix their name with _.",
    });
  }
  return {
    revision: header.revision ?? '',
    downRevisions: header.downRevisions,
    branchLabels: header.branchLabels,
    dependsOn: header.dependsOn,
    path,
    checksum: header.checksum,
    message: header.message,
    createDate: header.createDate,
    transactional: header.transactional,
    needsImport: header.needsImport,
  };
}

/**
 * One record per revision file in the given folders, by folder and then file name. Folders
 * that do not exist yet are skipped (as Alembic does), and a file reached twice through two
 * locations or a symlink is read once. Scripts with `needsImport` (their `revision` may be
 * empty) go through `loadImportedHeaders` before a graph is built from them.
 */
export function scanRevisions(versionLocations: readonly string[]): RevisionScript[] {
  const seen = new Set<string>();
  const scripts: RevisionScript[] = [];
  for (const location of versionLocations) {
    if (!existsSync(location)) continue;
    for (const name of readdirSync(location).sort()) {
      const path = join(location, name);
      if (!isRevisionFileName(name) || !statSync(path).isFile()) continue;
      const real = realpathSync(path);
      if (seen.has(real)) continue;
      seen.add(real);
      scripts.push(readScript(path));
    }
  }
  return scripts;
}
