/**
 * A resolver that answers from answers given up front (`--rename`, `--rename-table`,
 * `--allow-drop`, or a test's fixture) and records every question it could not answer.
 */
import {
  qualifiedName,
  type DropQuestion,
  type RenameAnswer,
  type RenameQuestion,
  type RenameResolver,
} from './rename-resolver.js';

export interface FixedAnswers {
  readonly renames?: {
    /** `[old, new]`; old is `table` or `schema.table`. */
    readonly table?: readonly (readonly [from: string, to: string])[];
    /** `[table, old, new]`; table is `table` or `schema.table` (its name after any table rename). */
    readonly column?: readonly (readonly [table: string, from: string, to: string])[];
    /** `[enumType, old, new]`; enumType is `name` or `schema.name`. */
    readonly enumValue?: readonly (readonly [enumType: string, from: string, to: string])[];
  };
  /** Answers every drop with yes, and every rename question without a rename with "it is new". */
  readonly allowDrop?: boolean;
}

export interface FixedResolver extends RenameResolver {
  /** The questions answered with "cannot tell", in the order they were asked. */
  readonly unanswered: readonly (RenameQuestion | DropQuestion)[];
}

export function fixedResolver(answers: FixedAnswers = {}): FixedResolver {
  const unanswered: (RenameQuestion | DropQuestion)[] = [];
  const allowDrop = answers.allowDrop ?? false;

  const answer = (question: RenameQuestion, from: string | undefined): RenameAnswer => {
    const offered = question.choices.some((c) => c.renamedFrom !== null && c.renamedFrom === from);
    if (from !== undefined && offered) return from;
    if (allowDrop) return null;
    unanswered.push(question);
    return undefined;
  };
  const sameName = (question: RenameQuestion, given: string, name: string): boolean =>
    given === name || given === qualifiedName(question.schema, name);
  const inParent = (question: RenameQuestion, parent: string): boolean =>
    question.parent !== null && parent === qualifiedName(question.schema, question.parent);

  return {
    unanswered,
    table: async (question) => {
      const pair = answers.renames?.table?.find(
        ([from, to]) => sameName(question, to, question.added) && isCandidate(question, from),
      );
      return answer(question, pair === undefined ? undefined : unqualify(question, pair[0]));
    },
    column: async (question) => {
      const triple = answers.renames?.column?.find(
        ([table, from, to]) => inParent(question, table) && to === question.added && isOffered(question, from),
      );
      return answer(question, triple?.[1]);
    },
    enumValue: async (question) => {
      const triple = answers.renames?.enumValue?.find(
        ([type, from, to]) => inParent(question, type) && to === question.added && isOffered(question, from),
      );
      return answer(question, triple?.[1]);
    },
    confirmDrop: async (question) => {
      if (allowDrop) return true;
      unanswered.push(question);
      return undefined;
    },
  };
}

function unqualify(question: RenameQuestion, given: string): string {
  const prefix = question.schema === null ? null : `${question.schema}.`;
  return prefix !== null && given.startsWith(prefix) && !isOffered(question, given) ? given.slice(prefix.length) : given;
}

function isOffered(question: RenameQuestion, name: string): boolean {
  return question.choices.some((c) => c.renamedFrom === name);
}

function isCandidate(question: RenameQuestion, given: string): boolean {
  return isOffered(question, given) || isOffered(question, unqualify(question, given));
}
