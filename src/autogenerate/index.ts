/** Autogenerate: compare snapshots (asking a rename resolver), and render ops as revision source. */
export { compareSnapshots, type CompareResult } from './compare/compare-snapshots.js';
export type { CompareOptions } from './compare/compare-context.js';
export { fixedResolver, type FixedAnswers, type FixedResolver } from './resolver/fixed-resolver.js';
export {
  qualifiedName,
  type DropAnswer,
  type DropKind,
  type DropQuestion,
  type RenameAnswer,
  type RenameChoice,
  type RenameKind,
  type RenameQuestion,
  type RenameResolver,
} from './resolver/rename-resolver.js';
export { ALLOW_DROP_FLAG, type DecisionKind, type OpenDecision, type ResolvedDecision } from './resolver/decisions.js';
export { renderRevisionBodies, type RenderedRevision } from './render/render-revision.js';
