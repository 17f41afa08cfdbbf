/**
 * A column type change with the CHECKs and indexes that mention the column taken off first
 * and put back after. `ALTER COLUMN ... TYPE` re-parses their printed text against the new
 * type, so the casts the server inserted for the old one become part of the expression:
 * `n > 0` on a numeric column is stored as `n > 0::numeric`, and after a change to bigint it
 * reads `n::numeric > 0`, which no longer matches the model, so the next autogenerate or
 * `check` reports it forever. Made again from their snapshot text (the canonical form the
 * model also produces), they read back as written. The cost is small: a type change that
 * rewrites the table rebuilds these indexes and re-checks these constraints anyway.
 */
import type { AlterColumnOp } from '../../operations/ops.js';
import type { Statement } from '../dialect.js';
import { renameColumnInCheck, renameColumnInIndex, type ColumnDependents } from './postgres-compile-state.js';
import { alterColumnStatements } from './postgres-ddl-alter.js';
import { checkClause, createIndexStatement, statement } from './postgres-ddl-table.js';
import { qualifiedName, quoteIdentifier } from './postgres-quote.js';

/** `dependents`: the CHECKs and indexes that mention the column, as they were before `op`. */
export function retypeColumnStatements(op: AlterColumnOp, dependents: ColumnDependents): Statement[] {
  if (op.changes.type === undefined) return alterColumnStatements(op);
  const table = qualifiedName(op.schema, op.table);
  const drops = [
    ...dependents.checks.map((c) => statement(`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdentifier(c.name)}`)),
    ...dependents.indexes.map((ix) => statement(`DROP INDEX ${qualifiedName(op.schema, ix.name)}`)),
  ];
  const { newName } = op.changes;
  const renamed = newName !== undefined && newName !== op.column;
  const checks = renamed ? dependents.checks.map((c) => renameColumnInCheck(c, op.column, newName)) : dependents.checks;
  const indexes = renamed ? dependents.indexes.map((ix) => renameColumnInIndex(ix, op.column, newName)) : dependents.indexes;
  const creates = [
    ...checks.map((c) => statement(`ALTER TABLE ${table} ADD ${checkClause(c)}`)),
    ...indexes.map((ix) => createIndexStatement(op.schema, op.table, ix, false)),
  ];
  return [...drops, ...alterColumnStatements(op), ...creates];
}
