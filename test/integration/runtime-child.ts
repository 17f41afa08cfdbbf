/**
 * A separate process running `upgrade`, for tests of concurrent runs and of crashes:
 *   node --import tsx runtime-child.ts <versionsDir> <url> <target> [startAtEpochMs]
 * Prints the result (or the error's code and message) as JSON on stdout.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseDatabaseUrl } from '../../src/config/parse-url.js';
import { AlembicError } from '../../src/errors.js';
import { upgrade } from '../../src/runtime/migrate.js';
import { RevisionGraph } from '../../src/script/graph.js';
import { scanRevisions } from '../../src/script/scan.js';

const [versions = '', url = '', target = 'head', startAt] = process.argv.slice(2);
const ctx = {
  config: { versionTable: 'alembic_version', versionTableSchema: null, transactionPerMigration: true },
  url: parseDatabaseUrl(url, versions),
  graph: new RevisionGraph(scanRevisions([versions])),
  lockTimeoutMs: 60_000,
};
// Every child has loaded its modules by now: start together, so that the runs really overlap.
if (startAt !== undefined) await sleep(Math.max(0, Number(startAt) - Date.now()));
try {
  const result = await upgrade(ctx, target);
  process.stdout.write(JSON.stringify({ steps: result.steps.map((s) => s.revision), heads: result.heads }));
} catch (error: unknown) {
  const code = error instanceof AlembicError ? error.code : 'UNEXPECTED';
  process.stdout.write(JSON.stringify({ error: code, message: error instanceof Error ? error.message : String(error) }));
  process.exitCode = 1;
}
