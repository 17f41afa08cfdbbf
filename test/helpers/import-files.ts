/**
 * For the loader's tests: a temporary folder to write user modules into (removed after the
 * file's tests), and the error an import that must fail gives.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { AlembicError } from '../../src/errors.js';
import { importModule } from '../../src/loader/import-module.js';

export interface TempFiles {
  readonly root: string;
  /** Writes `text` at `relative` (folders made as needed); its absolute path. */
  write(relative: string, text: string): string;
}

export function tempFiles(prefix: string): TempFiles {
  const root = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(root, { recursive: true, force: true }));
  return {
    root,
    write(relative, text) {
      const path = join(root, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
  };
}

/** The one-line E_MODULE_IMPORT error importing `path` gives. */
export async function importError(path: string): Promise<AlembicError> {
  try {
    await importModule(path);
  } catch (error) {
    assert.ok(error instanceof AlembicError, `expected an AlembicError, got ${String(error)}`);
    assert.equal(error.code, 'E_MODULE_IMPORT');
    assert.doesNotMatch(error.message, /\n/, 'the message is one line');
    return error;
  }
  assert.fail(`importing ${path} succeeded`);
}
