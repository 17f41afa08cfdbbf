/**
 * Asking the resolver and keeping the record: what was decided (for the CLI to print) and
 * what stays open (with the exact flags that would answer it).
 */
import {
  qualifiedName,
  type DropKind,
  type RenameAnswer,
  type RenameChoice,
  type RenameKind,
  type RenameQuestion,
  type RenameResolver,
} from './rename-resolver.js';
import { compareText } from '../text-order.js';

export type DecisionKind = 'renameTable' | 'renameColumn' | 'renameEnumValue' | 'drop';

export interface ResolvedDecision {
  readonly kind: DecisionKind;
  readonly description: string;
  /** The label of the chosen answer (`rename users.name to full_name`, `drop`, `keep`). */
  readonly answer: string;
}

export interface OpenDecision {
  readonly kind: DecisionKind;
  readonly description: string;
  /** Command-line flags, any one of which answers the decision. */
  readonly flags: readonly string[];
}

export const ALLOW_DROP_FLAG = '--allow-drop';

export interface RenameScope {
  readonly kind: RenameKind;
  readonly schema: string | null;
  readonly parent: string | null;
}

export interface Rename {
  readonly from: string;
  readonly to: string;
}

const DECISION_KIND: Record<RenameKind, DecisionKind> = {
  table: 'renameTable',
  column: 'renameColumn',
  enumValue: 'renameEnumValue',
};

export class DecisionLog {
  readonly resolved: ResolvedDecision[] = [];
  readonly open: OpenDecision[] = [];

  constructor(readonly resolver: RenameResolver) {}

  /**
   * Asks, for each added name in order, whether it renames one of the dropped names not yet
   * taken. `likeness` orders the candidates (higher first) and is only a hint.
   */
  async resolveRenames(
    scope: RenameScope,
    added: readonly string[],
    dropped: readonly string[],
    likeness: (added: string, dropped: string) => number,
  ): Promise<Rename[]> {
    const renames: Rename[] = [];
    const taken = new Set<string>();
    const pending: { question: RenameQuestion; candidates: readonly string[] }[] = [];
    for (const name of added) {
      const candidates = dropped
        .filter((d) => !taken.has(d))
        .map((d) => ({ d, score: likeness(name, d) }))
        .sort((a, b) => b.score - a.score || compareText(a.d, b.d))
        .map((c) => c.d);
      if (candidates.length === 0) break;
      const question = renameQuestion(scope, name, candidates);
      const answer = await this.ask(question);
      if (answer === undefined) {
        pending.push({ question, candidates });
        continue;
      }
      const chosen = question.choices.find((c) => c.renamedFrom === answer);
      if (answer !== null && chosen !== undefined) {
        taken.add(answer);
        renames.push({ from: answer, to: name });
      }
      this.resolved.push({
        kind: DECISION_KIND[scope.kind],
        description: question.description,
        answer: (chosen ?? newChoice(scope, name)).label,
      });
    }
    for (const { question, candidates } of pending) {
      const left = candidates.filter((c) => !taken.has(c));
      if (left.length === 0) continue;
      this.open.push({
        kind: DECISION_KIND[scope.kind],
        description: question.description,
        flags: [...left.map((from) => renameFlag(scope, from, question.added)), ALLOW_DROP_FLAG],
      });
    }
    return renames;
  }

  /** Whether to drop; a drop nobody confirmed is not made, and stays open. */
  async confirmDrop(kind: DropKind, schema: string | null, parent: string | null, name: string): Promise<boolean> {
    const description = dropDescription(kind, schema, parent, name);
    const answer = await this.resolver.confirmDrop({ kind, schema, parent, name, description });
    if (answer === undefined) {
      this.open.push({ kind: 'drop', description, flags: [ALLOW_DROP_FLAG] });
      return false;
    }
    this.resolved.push({ kind: 'drop', description, answer: answer ? 'drop' : 'keep' });
    return answer;
  }

  private ask(question: RenameQuestion): Promise<RenameAnswer> {
    switch (question.kind) {
      case 'table':
        return this.resolver.table(question);
      case 'column':
        return this.resolver.column(question);
      case 'enumValue':
        return this.resolver.enumValue(question);
    }
  }
}

function parentName(scope: RenameScope): string {
  return qualifiedName(scope.schema, scope.parent ?? '');
}

function renameQuestion(scope: RenameScope, added: string, candidates: readonly string[]): RenameQuestion {
  const choices: RenameChoice[] = [
    ...candidates.map((from) => ({ label: renameLabel(scope, from, added), renamedFrom: from })),
    newChoice(scope, added),
  ];
  const olds = candidates.map((c) => subject(scope, c)).join(' or ');
  const description = `Is ${noun(scope.kind)} ${subject(scope, added)} new, or a rename of ${olds}?`;
  return { kind: scope.kind, schema: scope.schema, parent: scope.parent, added, choices, description };
}

function noun(kind: RenameKind): string {
  return kind === 'enumValue' ? 'enum value' : kind;
}

function subject(scope: RenameScope, name: string): string {
  switch (scope.kind) {
    case 'table':
      return qualifiedName(scope.schema, name);
    case 'column':
      return `${parentName(scope)}.${name}`;
    case 'enumValue':
      return `${parentName(scope)}.'${name}'`;
  }
}

function renameLabel(scope: RenameScope, from: string, to: string): string {
  return `rename ${subject(scope, from)} to ${scope.kind === 'enumValue' ? `'${to}'` : to}`;
}

function newChoice(scope: RenameScope, added: string): RenameChoice {
  const what = scope.kind === 'table' ? 'create' : 'add';
  return { label: `${what} ${subject(scope, added)} as a new ${noun(scope.kind)}`, renamedFrom: null };
}

function renameFlag(scope: RenameScope, from: string, to: string): string {
  switch (scope.kind) {
    case 'table':
      return `--rename-table ${shellWord(`${qualifiedName(scope.schema, from)}=${to}`)}`;
    case 'column':
      return `--rename ${shellWord(`${parentName(scope)}.${from}=${to}`)}`;
    case 'enumValue':
      return `--rename-enum-value ${shellWord(`${parentName(scope)}.${from}=${to}`)}`;
  }
}

function shellWord(word: string): string {
  return /^[\w.=@%+:,/-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function dropDescription(kind: DropKind, schema: string | null, parent: string | null, name: string): string {
  switch (kind) {
    case 'table':
      return `Drop table ${qualifiedName(schema, name)}? Its rows will be lost.`;
    case 'column':
      return `Drop column ${qualifiedName(schema, parent ?? '')}.${name}? Its data will be lost.`;
    case 'enumValue':
      return `Remove value '${name}' from enum ${qualifiedName(schema, parent ?? '')}? Rows holding it cannot be converted.`;
  }
}
