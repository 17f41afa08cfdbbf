/**
 * A primary key, unique constraint or unique index that is dropped (to be recreated under
 * another name or on other columns) cannot go while a foreign key depends on it: PostgreSQL
 * refuses. Those foreign keys are dropped first and created again at the end, even when
 * they did not change themselves.
 */
import type { CreateForeignKeyOp, DropConstraintOp, Op } from '../../operations/ops.js';
import type { ForeignKeySnapshot, SchemaSnapshot, TableSnapshot } from '../../snapshot/types.js';
import { dropConstraintOp } from './compare-constraints.js';
import { deepEqual } from './equality.js';
import { findTable } from './working-snapshot.js';

/** A key being dropped: the table it belongs to (in the database's snapshot) and its columns. */
export interface DroppedKey {
  readonly table: TableSnapshot;
  readonly columns: readonly string[];
}

/** The columns a dropped op frees, when it is a key a foreign key can refer to. */
export function droppedKey(op: Op, table: TableSnapshot): DroppedKey | null {
  if (op.kind === 'dropConstraint' && (op.existing?.type === 'primary' || op.existing?.type === 'unique')) {
    return { table, columns: op.existing.constraint.columns };
  }
  if (op.kind === 'dropIndex' && op.existing?.unique === true && op.existing.where === null) {
    const columns = op.existing.elements.flatMap((e) => ('column' in e ? [e.column] : []));
    return columns.length === op.existing.elements.length ? { table, columns } : null;
  }
  return null;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((c) => b.includes(c));

function fkKey(table: TableSnapshot, fk: ForeignKeySnapshot): string {
  return JSON.stringify([table.schema, table.name, fk]);
}

export function dependentForeignKeys(
  keys: readonly DroppedKey[],
  target: SchemaSnapshot,
  current: SchemaSnapshot,
  alreadyDropped: readonly DropConstraintOp[],
): { drop: DropConstraintOp[]; create: CreateForeignKeyOp[] } {
  const seen = new Set(
    alreadyDropped.flatMap((op) => {
      const table = findTable(current, op.schema, op.table);
      return table === undefined || op.existing?.type !== 'foreignkey' ? [] : [fkKey(table, op.existing.constraint)];
    }),
  );
  const drop: DropConstraintOp[] = [];
  const create: CreateForeignKeyOp[] = [];
  for (const owner of current.tables) {
    const wanted = findTable(target, owner.schema, owner.name);
    if (wanted === undefined) continue;
    for (const fk of owner.foreignKeys) {
      const dependsOnDropped = keys.some(
        (k) =>
          fk.referredSchema === k.table.schema &&
          fk.referredTable === k.table.name &&
          sameSet(fk.referredColumns, k.columns),
      );
      if (!dependsOnDropped || seen.has(fkKey(owner, fk))) continue;
      seen.add(fkKey(owner, fk));
      drop.push(dropConstraintOp(owner, { type: 'foreignkey', constraint: fk }));
      const again = wanted.foreignKeys.find((f) => (fk.name !== null ? f.name === fk.name : deepEqual(f.columns, fk.columns)));
      if (again !== undefined) create.push({ kind: 'createForeignKey', schema: owner.schema, table: owner.name, constraint: again });
    }
  }
  return { drop, create };
}
