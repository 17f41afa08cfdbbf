// The autogenerate round trip on real databases, for many random model pairs (A, B):
// build A; autogenerate from the database to B; the revision file it writes, run by the
// runner, turns the database into B, after which autogenerate finds nothing; its
// downgrade turns it back into A. ROUNDTRIP_PAIRS sets the number of pairs per dialect
// (default 500) and ROUNDTRIP_SEED the first seed (default 1); a failure prints its seed,
// both schemas, the ops and the revision file.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compareSnapshots } from '../../src/autogenerate/compare/compare-snapshots.js';
import { fixedResolver } from '../../src/autogenerate/resolver/fixed-resolver.js';
import { loadDialect } from '../../src/dialects/registry.js';
import { DIALECTS } from '../helpers/databases.js';
import { checkRandomPair, checkRoundTrip, RoundtripFailure } from '../helpers/roundtrip-check.js';
import { RoundtripDatabase } from '../helpers/roundtrip-database.js';
import { modelSnapshot } from '../helpers/roundtrip-model.js';
import { randomModelPair } from '../helpers/roundtrip-pair.js';
import { REGRESSION_PAIRS } from '../helpers/roundtrip-regressions.js';

const PAIRS = Number(process.env['ROUNDTRIP_PAIRS'] ?? 500);
const FIRST_SEED = Number(process.env['ROUNDTRIP_SEED'] ?? 1);
const SEEDS = Array.from({ length: PAIRS }, (_, i) => FIRST_SEED + i);
/** Failures reported in full; the seeds of all the others are listed. */
const REPORTED = 3;

const COMMON_KINDS = [
  'createTable', 'dropTable', 'renameTable', 'addColumn', 'dropColumn', 'renameColumn', 'alterColumn',
  'createIndex', 'dropIndex', 'createUniqueConstraint', 'createForeignKey', 'createCheckConstraint',
  'createPrimaryKey', 'dropConstraint',
];
const EXPECTED_KINDS: Record<string, readonly string[]> = {
  sqlite: COMMON_KINDS,
  postgresql: [...COMMON_KINDS, 'setTableComment', 'createEnum', 'dropEnum', 'addEnumValue', 'renameEnumValue'],
};

for (const dialectName of DIALECTS) {
  describe(`autogenerate round trip on ${dialectName}`, () => {
    let db: RoundtripDatabase;
    before(async () => {
      db = await RoundtripDatabase.open(dialectName);
    });
    after(() => db.dispose());

    for (const regression of REGRESSION_PAIRS.filter((r) => r.dialects.includes(dialectName))) {
      test(regression.behaviour, async () => {
        await checkRoundTrip(db, regression.pair, regression.key, regression.key);
      });
    }

    test(`for ${PAIRS} random model pairs, upgrade reaches B, autogenerate then finds nothing, and downgrade returns to A`, async () => {
      const failures: RoundtripFailure[] = [];
      for (const seed of SEEDS) {
        try {
          await checkRandomPair(db, seed);
        } catch (error: unknown) {
          if (!(error instanceof RoundtripFailure)) throw error;
          failures.push(error);
        }
      }
      const summary = `${failures.length} of ${PAIRS} pairs failed: ${failures.map((f) => `${f.label} (${f.stage})`).join(', ')}`;
      assert.equal(failures.length, 0, [summary, ...failures.slice(0, REPORTED).map((f) => f.message)].join('\n\n'));
    });

    test('the pairs exercise every kind of change autogenerate makes on this dialect', async () => {
      const { dialect } = await loadDialect(dialectName);
      const seen = new Set<string>();
      for (let seed = 1; seed <= 300; seed++) {
        const pair = randomModelPair(seed, { postgres: dialectName === 'postgresql' });
        const compared = await compareSnapshots(modelSnapshot(pair.b, dialect), modelSnapshot(pair.a, dialect), {
          compareType: true,
          compareServerDefault: true,
          capabilities: dialect.capabilities,
          quoteIdentifier: dialect.quoteIdentifier,
          resolver: fixedResolver({ renames: pair.renames, allowDrop: true }),
        });
        for (const op of compared.ops) seen.add(op.kind);
      }
      assert.deepEqual(EXPECTED_KINDS[dialectName]!.filter((kind) => !seen.has(kind)), []);
    });
  });
}
