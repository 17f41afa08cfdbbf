/**
 * Pairs model constraints with database constraints. Names decide where both sides have one;
 * where a side has none (SQLite does not keep every constraint name) the definition decides.
 * A pair whose definitions differ is reported as changed: compare drops and recreates it.
 */
export interface Matched<T> {
  readonly added: T[];
  readonly removed: T[];
  readonly changed: { readonly target: T; readonly current: T }[];
}

export function matchNamed<T extends { readonly name: string | null }>(
  targets: readonly T[],
  currents: readonly T[],
  signature: (item: T) => string,
  sameDefinition: (target: T, current: T) => boolean,
): Matched<T> {
  const result: Matched<T> = { added: [], removed: [], changed: [] };
  const unpaired = new Set(currents);
  const leftover: T[] = [];
  for (const target of targets) {
    const named = target.name === null ? undefined : currents.find((c) => c.name === target.name && unpaired.has(c));
    if (named === undefined) {
      leftover.push(target);
      continue;
    }
    unpaired.delete(named);
    if (!sameDefinition(target, named)) result.changed.push({ target, current: named });
  }
  for (const target of leftover) {
    const match = currents.find(
      (c) =>
        unpaired.has(c) &&
        (c.name === null || target.name === null) &&
        signature(c) === signature(target),
    );
    if (match === undefined) {
      result.added.push(target);
      continue;
    }
    unpaired.delete(match);
    if (!sameDefinition(target, match)) result.changed.push({ target, current: match });
  }
  result.removed.push(...currents.filter((c) => unpaired.has(c)));
  return result;
}
