/**
 * The rename resolver: `compare` never guesses whether a drop plus an add is a rename, nor
 * whether a drop is intended. It asks an injected resolver, one small question at a time.
 * The CLI answers on a terminal (each question has a description and its choices) or from
 * `--rename`/`--allow-drop`; tests pass fixed answers. A question nobody can answer stays
 * open, and the compare result lists it with the flags that would answer it.
 */

export type RenameKind = 'table' | 'column' | 'enumValue';

export interface RenameChoice {
  readonly label: string;
  /** The old name this choice renames from; null for "it is new". */
  readonly renamedFrom: string | null;
}

export interface RenameQuestion {
  readonly kind: RenameKind;
  readonly schema: string | null;
  /** The table of a column, the enum type of an enum value; null for a table. */
  readonly parent: string | null;
  /** The name that is new in the models. */
  readonly added: string;
  /** Renames from each candidate (likeliest first), then "it is new". */
  readonly choices: readonly RenameChoice[];
  readonly description: string;
}

/** The old name, null when `added` is really new, undefined when the resolver cannot tell. */
export type RenameAnswer = string | null | undefined;

export type DropKind = 'table' | 'column' | 'enumValue';

export interface DropQuestion {
  readonly kind: DropKind;
  readonly schema: string | null;
  /** The table of a column, the enum type of an enum value; null for a table. */
  readonly parent: string | null;
  readonly name: string;
  readonly description: string;
}

/** true: drop it; false: keep it (no op); undefined: the resolver cannot tell. */
export type DropAnswer = boolean | undefined;

export interface RenameResolver {
  table(question: RenameQuestion): Promise<RenameAnswer>;
  column(question: RenameQuestion): Promise<RenameAnswer>;
  enumValue(question: RenameQuestion): Promise<RenameAnswer>;
  confirmDrop(question: DropQuestion): Promise<DropAnswer>;
}

/** `schema.name`, or `name` in the default schema: how flags and answers spell a table or enum. */
export function qualifiedName(schema: string | null, name: string): string {
  return schema === null ? name : `${schema}.${name}`;
}
