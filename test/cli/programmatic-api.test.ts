/**
 * SPEC section 8 as a user meets it: a plain .mjs script in a fresh project imports the API
 * from 'alembic-ts' (the built package), on both dialects. Results are data, errors are
 * AlembicErrors with the CLI's exit codes, and the API itself prints nothing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { revision } from '../../src/index.js';
import { createCliProject } from '../helpers/cli-project.js';
import { createDatabase, DIALECTS } from '../helpers/databases.js';

const MODELS = `import { table, integer, string } from 'alembic-ts';
export const users = table('users', { id: integer().primaryKey(), name: string(50) });
`;

const MODELS_WITH_EMAIL = `import { table, integer, string } from 'alembic-ts';
export const users = table('users', { id: integer().primaryKey(), name: string(50), email: string(120) });
`;

// Each call's result (or error) becomes one JSON line, so the test sees exactly what a script would.
const SCRIPT = `import { upgrade, downgrade, stamp, current, check, revision, loadConfig, AlembicError } from 'alembic-ts';
import { writeFileSync } from 'node:fs';
const out = [];
const call = async (name, fn) => {
  try {
    out.push({ name, ok: await fn() });
  } catch (error) {
    out.push({ name, error: { isAlembicError: error instanceof AlembicError, type: error.constructor.name, code: error.code, exitCode: error.exitCode, message: error.message } });
  }
};
const models2 = process.argv[2];
await call('loadConfig', () => loadConfig());
await call('revision', () => revision({ message: 'create users', autogenerate: true }));
await call('upgrade', () => upgrade());
await call('current', () => current());
await call('checkClean', () => check());
writeFileSync('src/models.ts', models2);
await call('checkDiffers', () => check());
await call('downgradeWithoutTarget', () => downgrade());
await call('stampOneRevision', () => stamp({ revisions: 'base' }));
await call('stampWithoutRevisions', () => stamp({}));
await call('upgradeUnknown', () => upgrade({ target: 'zzzzzzzz' }));
await call('upgradeTargetNumber', () => upgrade({ target: 5 }));
await call('revisionMessageNumber', () => revision({ message: 5 }));
await call('checkDevUrlNumber', () => check({ devUrl: 5 }));
await call('currentOptionsNull', () => current(null));
await call('loadConfigPathNumber', async () => loadConfig({ configPath: 5 }));
await call('upgradeXString', () => upgrade({ x: 'a=b' }));
console.log(JSON.stringify(out));
`;

interface Outcome {
  readonly name: string;
  readonly ok?: Record<string, unknown>;
  readonly error?: { isAlembicError: boolean; type: string; code: string; exitCode: number; message: string };
}

for (const dialect of DIALECTS) {
  describe(`the programmatic API from a plain .mjs script on ${dialect}`, () => {
    test('returns structured results, throws typed errors for bad arguments, and prints nothing itself', async () => {
      const db = await createDatabase(dialect);
      const project = createCliProject();
      try {
        project.run('init', 'migrations');
        project.write('alembic.config.json', JSON.stringify({ url: db.url, models: 'src/models.ts' }));
        project.write('src/models.ts', MODELS);
        project.write('script.mjs', SCRIPT);
        const run = spawnSync(process.execPath, ['script.mjs', MODELS_WITH_EMAIL], { cwd: project.dir, encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stderr, '', 'the API prints no progress or warnings');
        const lines = run.stdout.trim().split('\n');
        assert.equal(lines.length, 1, `only the script's own line on stdout:\n${run.stdout}`);
        const outcomes = new Map((JSON.parse(lines[0]!) as Outcome[]).map((o) => [o.name, o]));
        const ok = (name: string): Record<string, unknown> => {
          const outcome = outcomes.get(name);
          assert.ok(outcome?.ok !== undefined, `${name}: ${JSON.stringify(outcome)}`);
          return outcome.ok;
        };
        const error = (name: string): NonNullable<Outcome['error']> => {
          const outcome = outcomes.get(name);
          assert.ok(outcome?.error !== undefined, `${name}: ${JSON.stringify(outcome)}`);
          return outcome.error;
        };

        assert.equal(ok('loadConfig')['versionTable'], 'alembic_version');
        const written = ok('revision');
        assert.match(String(written['path']), /migrations\/versions\/[0-9a-f]{12}_create_users\.ts$/);
        assert.deepEqual((ok('upgrade')['heads'] as string[]), [written['revision']]);
        assert.deepEqual(ok('current')['heads'], [written['revision']]);
        assert.deepEqual(ok('checkClean'), { ok: true, problems: [], ops: [], diff: '' });
        const differs = ok('checkDiffers');
        assert.equal(differs['ok'], false);
        assert.deepEqual((differs['problems'] as { kind: string }[]).map((p) => p.kind), ['schemaDiffers']);
        assert.deepEqual((differs['ops'] as { kind: string }[]).map((o) => o.kind), ['addColumn']);

        for (const name of [
          'downgradeWithoutTarget',
          'stampWithoutRevisions',
          'upgradeTargetNumber',
          'revisionMessageNumber',
          'checkDevUrlNumber',
          'currentOptionsNull',
          'loadConfigPathNumber',
          'upgradeXString',
        ]) {
          const e = error(name);
          assert.deepEqual([e.isAlembicError, e.code, e.exitCode], [true, 'E_API_ARGUMENT', 2], `${name}: ${e.message}`);
        }
        assert.deepEqual(ok('stampOneRevision')['heads'], []);
        const unknown = error('upgradeUnknown');
        assert.deepEqual([unknown.isAlembicError, unknown.type, unknown.exitCode], [true, 'RevisionError', 1]);
      } finally {
        project.dispose();
        await db.dispose();
      }
    });
  });
}

// A TypeScript user's script, compiled against the built package's declarations with no
// @types/node in scope (types: []): the public types must not need Node's globals.
const TS_SCRIPT = `import { upgrade, downgrade, stamp, current, check, revision, loadConfig, createAll, dropAll,
  AlembicError, table, integer, type CheckResult, type RunResult } from 'alembic-ts';
const users = table('users', { id: integer().primaryKey() });
export async function main(): Promise<string[]> {
  const run: RunResult = await upgrade({ target: 'head', onProgress: (e) => void e.kind });
  await downgrade({ target: '-1' });
  await stamp({ revisions: 'head', purge: true });
  const result: CheckResult = await check({ devUrl: 'sqlite://' });
  const written = await revision({ message: 'add users', autogenerate: true });
  const config = loadConfig({ configPath: 'alembic.config.json', env: { DATABASE_URL: 'sqlite://' } });
  await createAll([users], 'sqlite://');
  await dropAll({ users }, 'sqlite://');
  try {
    await current();
  } catch (error) {
    if (error instanceof AlembicError) return [error.code, String(error.exitCode)];
  }
  return [...run.heads, ...result.problems.map((p) => p.kind), written.path, config.versionTable];
}
`;

describe('the programmatic API from TypeScript', () => {
  test('a strict TypeScript script type-checks against the published declarations without @types/node', () => {
    const project = createCliProject();
    try {
      project.write('script.ts', TS_SCRIPT);
      const program = ts.createProgram([join(project.dir, 'script.ts')], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        verbatimModuleSyntax: true,
        types: [],
      });
      const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      assert.deepEqual(problems, []);
    } finally {
      project.dispose();
    }
  });
});

describe('revision from the API with the cwd option', () => {
  test('post-write hooks run in that cwd, as they run in the working directory of the CLI', async () => {
    const project = createCliProject();
    try {
      project.run('init', 'migrations');
      project.write('alembic.config.json', JSON.stringify({ url: 'sqlite:///app.db', postWriteHooks: [{ command: 'pwd > hook-cwd.txt; true' }] }));
      assert.notEqual(process.cwd(), project.dir);
      await revision({ cwd: project.dir, message: 'first' });
      assert.equal(project.read('hook-cwd.txt').trim(), project.dir);
    } finally {
      project.dispose();
    }
  });

  test('a relative versionPath is taken from that cwd, as the config path is', async () => {
    const project = createCliProject();
    try {
      project.run('init', 'migrations');
      project.write('alembic.config.json', JSON.stringify({ url: 'sqlite:///app.db', versionLocations: ['migrations/versions', 'more'] }));
      const written = await revision({ cwd: project.dir, message: 'elsewhere', versionPath: 'more' });
      assert.equal(written.path, join(project.dir, 'more', `${written.revision}_elsewhere.ts`));
    } finally {
      project.dispose();
    }
  });
});
