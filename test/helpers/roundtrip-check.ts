/**
 * One round trip of the property test on a real database, for a model pair (A, B):
 * build A, introspect (must be A), autogenerate from the database to B, write the revision
 * file, `upgrade` it with the runner, introspect (must be B, and a second autogenerate must
 * be empty), `downgrade` it, introspect (must be A again). A failure is thrown as a
 * RoundtripFailure that carries everything needed to reproduce and read it.
 */
import { isDeepStrictEqual } from 'node:util';
import { compareSnapshots } from '../../src/autogenerate/compare/compare-snapshots.js';
import { renderRevisionBodies, type RenderedRevision } from '../../src/autogenerate/render/render-revision.js';
import { fixedResolver, type FixedAnswers } from '../../src/autogenerate/resolver/fixed-resolver.js';
import { isIrreversible, reverseOpsPartially } from '../../src/operations/reverse.js';
import type { Op } from '../../src/operations/ops.js';
import type { ColumnType, SchemaSnapshot, TableSnapshot } from '../../src/snapshot/types.js';
import type { RoundtripDatabase } from './roundtrip-database.js';
import { modelSnapshot } from './roundtrip-model.js';
import { randomModelPair, type ModelPair } from './roundtrip-pair.js';

/** Each pair has a versions folder of its own, so every revision can have the same id. */
const REVISION_ID = 'a1b2c3d4e5f6';

export type Stage = 'build A' | 'introspect A' | 'autogenerate' | 'upgrade' | 'introspect B' | 'second autogenerate' | 'downgrade' | 'introspect after downgrade';

export class RoundtripFailure extends Error {
  constructor(
    /** The seed of a random pair, or the name of a hand-made one. */
    readonly label: string,
    readonly stage: Stage,
    problem: string,
    details: { a: SchemaSnapshot; b: SchemaSnapshot; ops?: readonly Op[]; rendered?: RenderedRevision; file?: string },
  ) {
    const sections = [
      `${label}, stage "${stage}": ${problem}`,
      `A = ${JSON.stringify(details.a)}`,
      `B = ${JSON.stringify(details.b)}`,
      details.ops === undefined ? '' : `ops = ${JSON.stringify(details.ops)}`,
      details.rendered === undefined ? '' : `revision file ${details.file ?? '(not written)'}:\n${details.rendered.imports}\n\nupgrade:\n${details.rendered.upgrade}\n\ndowngrade:\n${details.rendered.downgrade}`,
    ];
    super(sections.filter((s) => s !== '').join('\n\n'));
  }
}

/** Column order is not compared: compare appends new columns, as ALTER TABLE ADD does. */
function canonical(snapshot: SchemaSnapshot): SchemaSnapshot {
  return {
    ...snapshot,
    tables: snapshot.tables.map((t) => ({ ...t, columns: [...t.columns].sort((x, y) => (x.name < y.name ? -1 : 1)) })),
  };
}

/** The tables and enums that differ, side by side; empty when the snapshots are equal. */
function difference(actual: SchemaSnapshot, expected: SchemaSnapshot): string {
  const [x, y] = [canonical(actual), canonical(expected)];
  const out: string[] = [];
  const names = [...new Set([...x.tables, ...y.tables].map((t) => t.name))].sort();
  for (const name of names) {
    const [got, want] = [x.tables.find((t) => t.name === name), y.tables.find((t) => t.name === name)];
    if (!isDeepStrictEqual(got, want)) out.push(tableDifference(name, got, want));
  }
  if (!isDeepStrictEqual(x.enums, y.enums)) out.push(`enums:\n  expected ${JSON.stringify(y.enums)}\n  actual   ${JSON.stringify(x.enums)}`);
  return out.join('\n');
}

function tableDifference(name: string, got: TableSnapshot | undefined, want: TableSnapshot | undefined): string {
  if (got === undefined || want === undefined) return `table ${name}: ${got === undefined ? 'missing' : 'unexpected'}`;
  const keys = Object.keys(want) as (keyof TableSnapshot)[];
  const fields = keys
    .filter((k) => !isDeepStrictEqual(got[k], want[k]))
    .map((k) => `  ${k}:\n    expected ${JSON.stringify(want[k])}\n    actual   ${JSON.stringify(got[k])}`);
  return `table ${name}:\n${fields.join('\n')}`;
}

/**
 * Enum values added by the upgrade stay after the downgrade (PostgreSQL cannot remove one;
 * the rendered downgrade says so in a comment): they are taken out before comparing with A.
 */
function withoutAddedValues(snapshot: SchemaSnapshot, a: SchemaSnapshot): SchemaSnapshot {
  const kept = new Map(a.enums.map((e) => [e.name, new Set(e.values)]));
  const filter = (name: string, values: readonly string[]): string[] => values.filter((v) => kept.get(name)?.has(v) ?? true);
  const retype = (type: ColumnType): ColumnType =>
    type.name === 'enum' ? { ...type, values: filter(type.enumName, type.values) } : type.name === 'array' ? { ...type, of: retype(type.of) } : type;
  return {
    ...snapshot,
    enums: snapshot.enums.map((e) => ({ ...e, values: filter(e.name, e.values) })),
    tables: snapshot.tables.map((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c, type: retype(c.type) })) })),
  };
}

async function compare(db: RoundtripDatabase, target: SchemaSnapshot, current: SchemaSnapshot, renames: FixedAnswers['renames']) {
  return compareSnapshots(target, current, {
    compareType: true,
    compareServerDefault: true,
    capabilities: db.dialect.capabilities,
    quoteIdentifier: db.dialect.quoteIdentifier,
    resolver: fixedResolver({ renames, allowDrop: true }),
  });
}

export function checkRandomPair(db: RoundtripDatabase, seed: number): Promise<void> {
  return checkRoundTrip(db, randomModelPair(seed, { postgres: db.dialect.name === 'postgresql' }), `seed ${seed}`, String(seed));
}

/** `key`: a name for the revision folder, unique in the run (letters, digits, dashes). */
export async function checkRoundTrip(db: RoundtripDatabase, pair: ModelPair, label: string, key: string): Promise<void> {
  const a = modelSnapshot(pair.a, db.dialect);
  const b = modelSnapshot(pair.b, db.dialect);
  const details: ConstructorParameters<typeof RoundtripFailure>[3] = { a, b };
  let stage: Stage = 'build A';
  const fail = (problem: string): never => {
    throw new RoundtripFailure(label, stage, problem, details);
  };
  const expectSchema = async (expected: SchemaSnapshot, adjust: (s: SchemaSnapshot) => SchemaSnapshot = (s) => s): Promise<SchemaSnapshot> => {
    const actual = await db.introspect();
    const diff = difference(adjust(actual), expected);
    if (diff !== '') fail(`the database differs from the expected schema:\n${diff}`);
    return actual;
  };
  try {
    await db.reset();
    await db.build(a);
    stage = 'introspect A';
    const atA = await expectSchema(a);

    stage = 'autogenerate';
    const compared = await compare(db, b, atA, pair.renames);
    details.ops = compared.ops;
    if (compared.openDecisions.length > 0) fail(`open decisions: ${JSON.stringify(compared.openDecisions)}`);
    const downgradeOps = reverseOpsPartially(compared.ops);
    details.rendered = renderRevisionBodies(compared.ops, downgradeOps);
    const folder = `${db.dialect.name}-${key}`;
    details.file = await db.writeRevision(folder, REVISION_ID, details.rendered);

    stage = 'upgrade';
    await db.upgrade(folder);
    stage = 'introspect B';
    const atB = await expectSchema(b);
    stage = 'second autogenerate';
    const again = await compare(db, b, atB, {});
    if (again.ops.length > 0) fail(`ops left: ${JSON.stringify(again.ops)}`);

    stage = 'downgrade';
    await db.downgrade(folder);
    stage = 'introspect after downgrade';
    const irreversible = downgradeOps.some(isIrreversible);
    await expectSchema(a, irreversible ? (s) => withoutAddedValues(s, a) : undefined);
  } catch (error: unknown) {
    if (error instanceof RoundtripFailure) throw error;
    const reason = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (cause: ${error.cause.message})` : ''}` : String(error);
    throw new RoundtripFailure(label, stage, reason, details);
  }
}
