/**
 * Runs rendered revision bodies through the real `op` API, as a revision file would be run,
 * and returns the ops they record: render's output is checked by what it does, not by its text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RenderedRevision } from '../../src/autogenerate/render/render-revision.js';
import type { Dialect } from '../../src/dialects/dialect.js';
import { createOperations, type Operations } from '../../src/operations/operations.js';
import type { Op } from '../../src/operations/ops.js';

const source = (path: string): string => pathToFileURL(fileURLToPath(new URL(`../../src/${path}`, import.meta.url))).href;

/** The revision as a module whose package imports point at the sources. */
function moduleText(rendered: RenderedRevision): string {
  const imports = rendered.imports
    .replace("from 'alembic-ts/postgresql'", `from '${source('postgresql.ts')}'`)
    .replace("from 'alembic-ts'", `from '${source('schema/index.ts')}'`);
  return [
    imports,
    '',
    'export async function upgrade(op: Operations): Promise<void> {',
    rendered.upgrade,
    '}',
    '',
    'export async function downgrade(op: Operations): Promise<void> {',
    rendered.downgrade,
    '}',
    '',
  ].join('\n');
}

export async function runRendered(
  rendered: RenderedRevision,
  dialect: Dialect,
): Promise<{ upgrade: Op[]; downgrade: Op[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'alembic-ts-render-'));
  try {
    const file = join(dir, 'revision.ts');
    writeFileSync(file, moduleText(rendered));
    const module = (await import(pathToFileURL(file).href)) as Record<'upgrade' | 'downgrade', (op: Operations) => Promise<void>>;
    const run = async (step: 'upgrade' | 'downgrade'): Promise<Op[]> => {
      const created = createOperations(dialect);
      await module[step](created.op);
      return created.ops();
    };
    return { upgrade: await run('upgrade'), downgrade: await run('downgrade') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
