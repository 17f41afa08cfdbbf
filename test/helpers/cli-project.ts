/**
 * A fresh temporary project that uses the BUILT package, as a user's would: the binary is
 * dist/cli/main.js and `import ... from 'alembic-ts'` resolves through node_modules to this
 * repository. Run `npm run build` before these tests (npm run verify does).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliProject {
  readonly dir: string;
  run(...args: string[]): CliResult;
  write(relativePath: string, content: string): void;
  read(relativePath: string): string;
  versionFiles(): string[];
  dispose(): void;
}

export function createCliProject(env: NodeJS.ProcessEnv = {}): CliProject {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  const dir = mkdtempSync(join(tmpdir(), 'alembic-ts-cli-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(REPO_ROOT, join(dir, 'node_modules', 'alembic-ts'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'cli-test-project', private: true, type: 'module' }));
  return {
    dir,
    run(...args) {
      const result = spawnSync(process.execPath, [CLI, ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', ...env },
        timeout: 120_000,
      });
      return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
    },
    write(relativePath, content) {
      const path = join(dir, relativePath);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    },
    read(relativePath) {
      return readFileSync(join(dir, relativePath), 'utf8');
    },
    versionFiles() {
      const versions = join(dir, 'migrations', 'versions');
      return existsSync(versions) ? readdirSync(versions).filter((f) => /\.(ts|js|mjs)$/.test(f)).sort() : [];
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
