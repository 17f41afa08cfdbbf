/**
 * Random model pairs (A, B) for the round-trip property test: B is A after random edits,
 * with the renames among them as the answers a user gives autogenerate. Same seed and
 * features, same pair.
 */
import type { FixedAnswers } from '../../src/autogenerate/resolver/fixed-resolver.js';
import { createRng } from './random-schema.js';
import type { ModelSchema } from './roundtrip-model.js';
import { ModelMutator } from './roundtrip-mutator.js';
import { Counter, randomModelSchema, type GenContext, type RoundtripFeatures } from './roundtrip-random-model.js';

export interface ModelPair {
  readonly a: ModelSchema;
  readonly b: ModelSchema;
  /** Answers for compare(B, database at A). */
  readonly renames: Required<NonNullable<FixedAnswers['renames']>>;
}

export function randomModelPair(seed: number, features: RoundtripFeatures): ModelPair {
  const rng = createRng(seed);
  const ctx: GenContext = { rng, names: new Counter(rng), features, enums: [] };
  const a = randomModelSchema(ctx);
  const mutator = new ModelMutator(a, ctx);
  mutator.run();
  return { a, b: mutator.schema, renames: mutator.renames };
}
