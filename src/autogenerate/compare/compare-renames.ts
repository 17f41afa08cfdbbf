/**
 * The first pass: tables and then columns that disappeared on one side while others
 * appeared are put to the resolver. Decided renames become ops and are applied to the
 * working snapshot, so every later step compares like with like.
 */
import type { RenameColumnOp, RenameTableOp } from '../../operations/ops.js';
import type { SchemaSnapshot, TableSnapshot } from '../../snapshot/types.js';
import type { DecisionLog } from '../resolver/decisions.js';
import { typesEqual } from './equality.js';
import { applied, findTable } from './working-snapshot.js';

export interface RenamePass<T> {
  readonly ops: T[];
  readonly working: SchemaSnapshot;
}

/** How alike two tables look: the share of columns with the same name and type. */
function tableLikeness(a: TableSnapshot, b: TableSnapshot): number {
  const shared = a.columns.filter((c) => b.columns.some((d) => d.name === c.name && typesEqual(d.type, c.type)));
  return shared.length / Math.max(1, a.columns.length + b.columns.length - shared.length);
}

function schemasOf(snapshot: SchemaSnapshot): (string | null)[] {
  return [...new Set(snapshot.tables.map((t) => t.schema))];
}

export async function resolveTableRenames(
  target: SchemaSnapshot,
  current: SchemaSnapshot,
  log: DecisionLog,
): Promise<RenamePass<RenameTableOp>> {
  const ops: RenameTableOp[] = [];
  for (const schema of schemasOf(target)) {
    const inSchema = (s: SchemaSnapshot) => s.tables.filter((t) => t.schema === schema);
    const added = inSchema(target).filter((t) => findTable(current, schema, t.name) === undefined);
    const dropped = inSchema(current).filter((t) => findTable(target, schema, t.name) === undefined);
    if (added.length === 0 || dropped.length === 0) continue;
    const renames = await log.resolveRenames(
      { kind: 'table', schema, parent: null },
      added.map((t) => t.name),
      dropped.map((t) => t.name),
      (to, from) => tableLikeness(findTable(target, schema, to)!, findTable(current, schema, from)!),
    );
    for (const { from, to } of renames) {
      ops.push({ kind: 'renameTable', schema, table: from, newName: to });
    }
  }
  return { ops, working: applied(current, ops) };
}

/** The same column names in the same order: nothing added or dropped (the usual case). */
function sameColumnNames(a: TableSnapshot, b: TableSnapshot): boolean {
  if (a.columns.length !== b.columns.length) return false;
  for (let i = 0; i < a.columns.length; i++) if (a.columns[i]!.name !== b.columns[i]!.name) return false;
  return true;
}

export async function resolveColumnRenames(
  target: SchemaSnapshot,
  current: SchemaSnapshot,
  log: DecisionLog,
  quoteIdentifier?: (name: string) => string,
): Promise<RenamePass<RenameColumnOp>> {
  const ops: RenameColumnOp[] = [];
  for (const table of target.tables) {
    const existing = findTable(current, table.schema, table.name);
    if (existing === undefined) continue;
    if (sameColumnNames(table, existing)) continue;
    const added = table.columns.filter((c) => !existing.columns.some((e) => e.name === c.name));
    const dropped = existing.columns.filter((e) => !table.columns.some((c) => c.name === e.name));
    if (added.length === 0 || dropped.length === 0) continue;
    const typeOf = (columns: typeof added, name: string) => columns.find((c) => c.name === name)!.type;
    const renames = await log.resolveRenames(
      { kind: 'column', schema: table.schema, parent: table.name },
      added.map((c) => c.name),
      dropped.map((c) => c.name),
      (to, from) => (typesEqual(typeOf(added, to), typeOf(dropped, from)) ? 1 : 0),
    );
    for (const { from, to } of renames) {
      ops.push({ kind: 'renameColumn', schema: table.schema, table: table.name, column: from, newName: to });
    }
  }
  return { ops, working: applied(current, ops, quoteIdentifier) };
}
