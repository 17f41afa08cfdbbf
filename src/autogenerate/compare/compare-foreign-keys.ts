/**
 * Foreign keys of a table that exists on both sides. Their drops run before any table is
 * dropped and their creations after every table is created, so they are returned apart.
 */
import type { CreateForeignKeyOp, DropConstraintOp } from '../../operations/ops.js';
import type { ForeignKeySnapshot, TableSnapshot } from '../../snapshot/types.js';
import { byName, dropConstraintOp } from './compare-constraints.js';
import { deepEqual } from './equality.js';
import { matchNamed } from './match-named.js';

export interface ForeignKeyDiff {
  readonly drop: DropConstraintOp[];
  readonly create: CreateForeignKeyOp[];
}

export function compareForeignKeys(target: TableSnapshot, current: TableSnapshot): ForeignKeyDiff {
  // A referred schema left out means the default one (the DDL leaves it unqualified), not the
  // table's own; no action means NO ACTION.
  const canonical = (fk: ForeignKeySnapshot) => ({
    columns: fk.columns,
    referredSchema: fk.referredSchema,
    referredTable: fk.referredTable,
    referredColumns: fk.referredColumns,
    onDelete: fk.onDelete ?? 'NO ACTION',
    onUpdate: fk.onUpdate ?? 'NO ACTION',
  });
  const signature = (fk: ForeignKeySnapshot): string => {
    const { columns, referredSchema, referredTable, referredColumns } = canonical(fk);
    return JSON.stringify([columns, referredSchema, referredTable, referredColumns]);
  };
  const matched = matchNamed(target.foreignKeys, current.foreignKeys, signature, (a, b) =>
    deepEqual(canonical(a), canonical(b)),
  );
  const dropped = [...matched.removed, ...matched.changed.map((c) => c.current)].sort(byName);
  const created = [...matched.added, ...matched.changed.map((c) => c.target)].sort(byName);
  return {
    drop: dropped.map((constraint) => dropConstraintOp(current, { type: 'foreignkey', constraint })),
    create: created.map((constraint) => ({
      kind: 'createForeignKey',
      schema: target.schema,
      table: target.name,
      constraint,
    })),
  };
}
