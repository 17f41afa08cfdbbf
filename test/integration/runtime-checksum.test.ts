import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { MigrationError } from '../../src/errors.js';
import { current, downgrade, upgrade } from '../../src/runtime/migrate.js';
import { stamp } from '../../src/runtime/stamp.js';
import { revisionChecksum } from '../../src/script/checksum.js';
import { DIALECTS } from '../helpers/databases.js';
import { BOOKS_CHAIN, createProject, type Project } from './runtime-fixture.js';

const [FIRST, SECOND, THIRD] = BOOKS_CHAIN as [(typeof BOOKS_CHAIN)[0], (typeof BOOKS_CHAIN)[0], (typeof BOOKS_CHAIN)[0]];

for (const dialect of DIALECTS) {
  describe(`runner on ${dialect}: applied revision files are checked before anything runs`, () => {
    let project: Project;
    let original: string;
    before(async () => {
      project = await createProject(dialect);
      project.write(FIRST);
      project.write(SECOND);
      await upgrade(project.ctx(), 'head');
      original = readFileSync(project.pathOf(SECOND.revision), 'utf8');
    });
    after(() => project.dispose());

    test('an edited applied revision makes upgrade refuse, naming the file, the revision and both checksums', async () => {
      const edited = original.replace("string(13)", "string(20)");
      writeFileSync(project.pathOf(SECOND.revision), edited);
      project.write(THIRD);
      await assert.rejects(upgrade(project.ctx(), 'head'), (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.equal(error.code, 'E_CHECKSUM_MISMATCH');
        assert.ok(error.message.includes(project.pathOf(SECOND.revision)), error.message);
        assert.ok(error.message.includes(SECOND.revision));
        assert.ok(error.message.includes(revisionChecksum(original)));
        assert.ok(error.message.includes(revisionChecksum(edited)));
        return true;
      });
      const state = await current(project.ctx());
      assert.deepEqual(state.heads, [SECOND.revision]);
      assert.deepEqual(state.checksumProblems, [
        {
          revision: SECOND.revision,
          path: project.pathOf(SECOND.revision),
          kind: 'edited',
          recorded: revisionChecksum(original),
          current: revisionChecksum(edited),
        },
      ]);
    });

    test('downgrade refuses too', async () => {
      await assert.rejects(downgrade(project.ctx(), '-1'), { code: 'E_CHECKSUM_MISMATCH' });
    });

    test('the same file with CRLF line endings is not an edit', async () => {
      writeFileSync(project.pathOf(SECOND.revision), original.replace(/\n/g, '\r\n'));
      const result = await upgrade(project.ctx(), 'head');
      assert.deepEqual(result.steps.map((s) => s.revision), [THIRD.revision]);
    });

    test('stamp accepts an edit by recording the current checksums', async () => {
      writeFileSync(project.pathOf(SECOND.revision), `${original}// a comment added later\n`);
      await assert.rejects(upgrade(project.ctx(), 'head'), { code: 'E_CHECKSUM_MISMATCH' });
      const result = await stamp(project.ctx(), [THIRD.revision]);
      assert.deepEqual(result.recorded, [SECOND.revision]);
      assert.deepEqual(await upgrade(project.ctx(), 'head'), { steps: [], heads: [THIRD.revision] });
    });

    test('an applied revision whose file is gone stops the run, naming it', async () => {
      rmSync(project.pathOf(THIRD.revision));
      await assert.rejects(upgrade(project.ctx(), 'head'), (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.equal(error.code, 'E_REVISION_FILE_MISSING');
        assert.match(error.message, new RegExp(`revision ${THIRD.revision}`));
        return true;
      });
    });
  });
}
