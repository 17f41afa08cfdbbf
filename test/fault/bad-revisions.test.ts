/**
 * Bad revision files, bad targets and bad models, on both dialects. Each gives one error
 * line (`alembic-ts: error: ...`, maybe a `  hint:` line) that names what is wrong, exit
 * code 1, and leaves the database as it was (and writes no revision file).
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { assertOneError, createFaultProject, fingerprint, revisionSource, type FaultProject } from './fault-project.js';

const R1 = 'bad000000001';
const R2 = 'bad000000002';
const R3 = 'bad000000003';
const R4 = 'bad000000004';

const MODELS = "import { table, integer } from 'alembic-ts';\nexport const t1 = table('t1', { id: integer().primaryKey() });\n";

interface BadRevision {
  readonly name: string;
  /** Breaks the project; returns how to put it back. */
  readonly arrange?: (project: FaultProject, paths: ReadonlyMap<string, string>) => () => void;
  readonly args: readonly string[];
  readonly error: RegExp;
}

/** Writes a file for the length of one case. */
function temporaryFile(project: FaultProject, path: string, content: string): () => void {
  writeFileSync(join(project.dir, path), content);
  return () => rmSync(join(project.dir, path));
}

/** Replaces a file's content for the length of one case. */
function temporaryEdit(project: FaultProject, path: string, edit: (text: string) => string): () => void {
  const full = join(project.dir, path);
  const original = readFileSync(full, 'utf8');
  writeFileSync(full, edit(original));
  return () => writeFileSync(full, original);
}

const PENDING_PATH = `migrations/versions/${R3}_pending.ts`;
const CREATE_T3 = "op.createTable('t3', { id: integer().primaryKey() });";

const pending = (upgrade: string, imports: readonly string[] = []): string =>
  revisionSource({ revision: R3, down: R2, message: 'pending', imports, upgrade });

const CASES: readonly BadRevision[] = [
  { name: 'an unknown revision', args: ['upgrade', 'feedfacecafe'], error: /no revision or branch label 'feedfacecafe'/ },
  { name: 'an unknown revision to stamp', args: ['stamp', 'feedfacecafe'], error: /no revision or branch label 'feedfacecafe'/ },
  {
    name: 'an ambiguous revision prefix',
    args: ['downgrade', 'bad0'],
    error: new RegExp(`revision prefix 'bad0' is ambiguous: it matches ${R1} .*, ${R2} `),
  },
  {
    name: 'a cycle in the revision graph',
    arrange: (project, paths) =>
      temporaryEdit(project, paths.get(R1)!, (text) => text.replace(/(downRevision: .*) = null;/, `$1 = '${R2}';`)),
    args: ['upgrade', 'head'],
    error: new RegExp(`revisions form a cycle: .*${R1}.*${R2}`),
  },
  {
    name: 'a revision id declared twice',
    arrange: (project, paths) => {
      copyFileSync(join(project.dir, paths.get(R2)!), join(project.dir, 'migrations/versions/copy_of_r2.ts'));
      return () => rmSync(join(project.dir, 'migrations/versions/copy_of_r2.ts'));
    },
    args: ['upgrade', 'head'],
    error: new RegExp(`revision ${R2} is declared twice: in .* and in .*copy_of_r2\\.ts`),
  },
  {
    name: 'a revision file with a syntax error',
    arrange: (project) => temporaryFile(project, PENDING_PATH, pending(CREATE_T3.replace('})', ')'), ['integer'])),
    args: ['upgrade', 'head'],
    error: new RegExp(`cannot import /.*/${R3}_pending\\.ts: syntax error at line 16, column \\d+`),
  },
  {
    // Alembic imports every revision file before it runs any: nothing before the broken file
    // may be committed either.
    name: 'a syntax error in the second of two pending revisions',
    arrange: (project) => {
      const removeGood = temporaryFile(project, PENDING_PATH, pending(CREATE_T3, ['integer']));
      const brokenPath = `migrations/versions/${R4}_broken.ts`;
      const broken = revisionSource({ revision: R4, down: R3, message: 'broken', upgrade: "op.execute('SELECT 1';" });
      const removeBroken = temporaryFile(project, brokenPath, broken);
      return () => {
        removeBroken();
        removeGood();
      };
    },
    args: ['upgrade', 'head'],
    error: new RegExp(`cannot import /.*/${R4}_broken\\.ts: syntax error at line 16`),
  },
  {
    name: 'a revision whose upgrade throws',
    arrange: (project) =>
      temporaryFile(project, PENDING_PATH, pending(`${CREATE_T3}\n  throw new Error('no tenant given');`, ['integer'])),
    args: ['upgrade', 'head'],
    error: new RegExp(`upgrade of revision ${R3} \\(/.*${R3}_pending\\.ts\\) threw .*no tenant given`),
  },
  {
    name: 'a revision whose second statement fails',
    arrange: (project) =>
      temporaryFile(project, PENDING_PATH, pending(`${CREATE_T3}\n  op.execute('INSERT INTO no_such_table VALUES (1)');`, ['integer'])),
    args: ['upgrade', 'head'],
    error: new RegExp(`upgrade of revision ${R3} \\(/.*${R3}_pending\\.ts\\) failed: .*no_such_table`),
  },
  { name: 'a downgrade below base', args: ['downgrade', '-3'], error: /'-3' goes below base/ },
  { name: 'an upgrade past head', args: ['upgrade', '+1'], error: /'\+1' goes past the head/ },
  {
    name: 'a model module that fails to import (check)',
    arrange: (project) => temporaryEdit(project, 'src/models.ts', (text) => `import { helper } from './no-such-helper.js';\n${text}\nhelper();\n`),
    args: ['check'],
    error: /cannot import \/.*\/src\/models\.ts: .*no-such-helper/,
  },
  {
    name: 'a model module that throws (revision --autogenerate)',
    arrange: (project) => temporaryEdit(project, 'src/models.ts', (text) => `${text}throw new Error('models are broken');\n`),
    args: ['revision', '--autogenerate', '-m', 'never written'],
    error: /cannot import \/.*\/src\/models\.ts: .*models are broken/,
  },
];

for (const dialect of DIALECTS) {
  describe(`bad revisions, targets and models on ${dialect}`, () => {
    let database: TestDatabase;
    let project: FaultProject;
    const paths = new Map<string, string>();
    before(async () => {
      database = await createDatabase(dialect);
      project = createFaultProject(database.url);
      project.write('src/models.ts', MODELS);
      const createT1 = "op.createTable('t1', { id: integer().primaryKey() });";
      paths.set(R1, project.addRevision({ revision: R1, message: 'one', imports: ['integer'], upgrade: createT1, downgrade: "op.dropTable('t1');" }));
      paths.set(R2, project.addRevision({ revision: R2, down: R1, message: 'two', upgrade: '', downgrade: '' }));
      const up = project.run('upgrade', 'head');
      assert.equal(up.status, 0, up.stderr);
      const clean = project.run('check');
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    });
    after(async () => {
      project.dispose();
      await database.dispose();
    });

    for (const bad of CASES) {
      test(`${bad.name}: exit 1, one error line naming it, database untouched`, async () => {
        const restore = bad.arrange?.(project, paths) ?? (() => undefined);
        try {
          const filesBefore = project.versionFiles();
          const before = await fingerprint(dialect, database.url);
          assertOneError(project.run(...bad.args), 1, bad.error);
          assert.equal(await fingerprint(dialect, database.url), before);
          assert.deepEqual(project.versionFiles(), filesBefore, 'no revision file written');
        } finally {
          restore();
        }
      });
    }
  });
}
