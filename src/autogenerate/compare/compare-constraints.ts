/**
 * Primary key, unique and CHECK constraints of a table that exists on both sides. A changed
 * constraint is dropped and created again; names are compared only where both sides have one.
 */
import type {
  CreateCheckConstraintOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
  ExistingConstraint,
} from '../../operations/ops.js';
import type { TableSnapshot } from '../../snapshot/types.js';
import { compareText } from '../text-order.js';
import { deepEqual } from './equality.js';
import { matchNamed } from './match-named.js';

export interface ConstraintDiff {
  readonly drop: DropConstraintOp[];
  readonly create: (CreatePrimaryKeyOp | CreateUniqueConstraintOp | CreateCheckConstraintOp)[];
}

export function dropConstraintOp(table: TableSnapshot, existing: ExistingConstraint): DropConstraintOp {
  return {
    kind: 'dropConstraint',
    schema: table.schema,
    table: table.name,
    // Unnamed (SQLite): the dialect finds it by its `existing` definition.
    name: existing.constraint.name ?? '',
    type: existing.type,
    existing,
  };
}

export function byName<T extends { readonly name: string | null }>(a: T, b: T): number {
  return compareText(a.name ?? '', b.name ?? '');
}

export function compareConstraints(target: TableSnapshot, current: TableSnapshot): ConstraintDiff {
  const at = { schema: target.schema, table: target.name };
  const diff: ConstraintDiff = { drop: [], create: [] };

  const pkBefore = current.primaryKey;
  const pkAfter = target.primaryKey;
  const pkNamesDiffer = pkBefore?.name != null && pkAfter?.name != null && pkBefore.name !== pkAfter.name;
  if (!deepEqual(pkBefore?.columns ?? [], pkAfter?.columns ?? []) || pkNamesDiffer) {
    if (pkBefore !== null) diff.drop.push(dropConstraintOp(target, { type: 'primary', constraint: pkBefore }));
    if (pkAfter !== null) diff.create.push({ kind: 'createPrimaryKey', ...at, constraint: pkAfter });
  }

  const uniques = matchNamed(
    target.uniqueConstraints,
    current.uniqueConstraints,
    (u) => JSON.stringify(u.columns),
    (a, b) => deepEqual(a.columns, b.columns),
  );
  const checks = matchNamed(
    target.checkConstraints,
    current.checkConstraints,
    (c) => c.sql,
    (a, b) => a.sql === b.sql,
  );

  const dropped = [
    ...[...uniques.removed, ...uniques.changed.map((c) => c.current)].map(
      (constraint): ExistingConstraint => ({ type: 'unique', constraint }),
    ),
    ...[...checks.removed, ...checks.changed.map((c) => c.current)].map(
      (constraint): ExistingConstraint => ({ type: 'check', constraint }),
    ),
  ];
  diff.drop.push(...dropped.map((existing) => dropConstraintOp(target, existing)).sort(byName));

  const createdUniques = [...uniques.added, ...uniques.changed.map((c) => c.target)].sort(byName);
  diff.create.push(...createdUniques.map((constraint) => ({ kind: 'createUniqueConstraint' as const, ...at, constraint })));
  const createdChecks = [...checks.added, ...checks.changed.map((c) => c.target)].sort(byName);
  diff.create.push(...createdChecks.map((constraint) => ({ kind: 'createCheckConstraint' as const, ...at, constraint })));
  return diff;
}
