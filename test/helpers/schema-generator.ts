/**
 * Random schema pairs for round-trip property tests. `randomSchemaPair(seed)` builds a
 * random snapshot A and a snapshot B made from A by random changes (tables and columns
 * added, dropped, renamed and altered; keys, indexes, constraints and enum values changed),
 * together with the rename answers that tell compare which drop+add pairs are renames.
 * Same seed, same pair.
 */
import type { FixedAnswers } from '../../src/autogenerate/resolver/fixed-resolver.js';
import type { SchemaSnapshot } from '../../src/snapshot/types.js';
import { createRng, Names, randomSnapshot, type GeneratorOptions } from './random-schema.js';
import { Mutator, type RenameAnswers } from './schema-mutator.js';

export { createRng, randomSnapshot, type GeneratorOptions, type Rng } from './random-schema.js';

type Renames = Required<NonNullable<FixedAnswers['renames']>>;

export interface SchemaPair {
  readonly a: SchemaSnapshot;
  readonly b: SchemaSnapshot;
  /** Answers for compare(b, a): renames from A's names to B's. */
  readonly forward: Renames;
  /** Answers for compare(a, b): the same renames the other way round. */
  readonly backward: Renames;
}

const answers = (a: RenameAnswers): Renames => ({
  table: a.table,
  column: a.column,
  enumValue: a.enumValue,
});

export function randomSchemaPair(seed: number, options: GeneratorOptions = {}): SchemaPair {
  const rng = createRng(seed);
  const names = new Names();
  const a = randomSnapshot(rng, options, names);
  const mutator = new Mutator(a, { rng, names, enums: [...a.enums] });
  mutator.run();
  return { a, b: mutator.state, forward: answers(mutator.forward), backward: answers(mutator.backward) };
}
