/**
 * What each op kind means for the people running it: whether it can run inside a
 * transaction, and what it risks. Render, the runner and lint read this instead of keeping
 * their own lists. The hazards describe PostgreSQL-style ALTERs (the stricter case); on SQLite
 * every table change that cannot ALTER is a rebuild, which `rewritesTable` also covers.
 */
import type { Op, OpKind } from './ops.js';

/**
 * `dropsData`: rows or values are lost. `rewritesTable`: every row is rewritten (time and disk
 * grow with the table). `locksTable`: writes wait for the whole statement (a scan, an index
 * build or a validation), not just for a moment.
 */
export type Hazard = 'dropsData' | 'rewritesTable' | 'locksTable';

export interface OpInfo {
  readonly transactional: boolean;
  readonly hazards: readonly Hazard[];
}

const SAFE: OpInfo = { transactional: true, hazards: [] };
const DROPS_DATA: OpInfo = { transactional: true, hazards: ['dropsData'] };
const LOCKS: OpInfo = { transactional: true, hazards: ['locksTable'] };

type InfoOf = { readonly [K in OpKind]: (op: Extract<Op, { kind: K }>) => OpInfo };

const info: InfoOf = {
  createTable: () => SAFE,
  dropTable: () => DROPS_DATA,
  renameTable: () => SAFE,
  // Filling an identity/serial column writes a value into every existing row.
  addColumn: (op) => (op.column.autoincrement ? { transactional: true, hazards: ['rewritesTable'] } : SAFE),
  dropColumn: () => DROPS_DATA,
  renameColumn: () => SAFE,
  alterColumn: (op) => {
    const hazards: Hazard[] = [];
    if (op.changes.type !== undefined) hazards.push('rewritesTable', 'locksTable');
    // SET NOT NULL scans the whole table under an exclusive lock.
    else if (op.changes.nullable === false) hazards.push('locksTable');
    return { transactional: true, hazards };
  },
  createIndex: (op) => (op.concurrently ? { transactional: false, hazards: [] } : LOCKS),
  dropIndex: (op) => ({ transactional: !op.concurrently, hazards: [] }),
  createUniqueConstraint: () => LOCKS,
  createForeignKey: () => LOCKS,
  createCheckConstraint: () => LOCKS,
  createPrimaryKey: () => LOCKS,
  dropConstraint: () => SAFE,
  setTableComment: () => SAFE,
  execute: () => SAFE,
  bulkInsert: () => SAFE,
  batchAlterTable: (op) => {
    const inner = op.ops.map(opInfo);
    const hazards = new Set(inner.flatMap((i) => i.hazards));
    return { transactional: inner.every((i) => i.transactional), hazards: [...hazards].sort() };
  },
  createEnum: () => SAFE,
  dropEnum: () => SAFE,
  addEnumValue: () => SAFE,
  renameEnumValue: () => SAFE,
};

export function opInfo(op: Op): OpInfo {
  return (info[op.kind] as (op: Op) => OpInfo)(op);
}
