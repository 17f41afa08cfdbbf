/**
 * compare: the models' snapshot against the database's, to the ops that take the database
 * to the models. Pure apart from the questions it puts to the resolver.
 *
 * The ops come in an order that runs on a real database:
 *   enum types created and values renamed/added; tables renamed; columns renamed;
 *   foreign keys dropped (so no table, primary key or unique key being dropped is still
 *   referenced: unchanged foreign keys that depend on one are dropped and recreated); tables dropped,
 *   children first; enum types rebuilt; per remaining table in name order: indexes and
 *   constraints dropped, columns added, altered, dropped, constraints and indexes created,
 *   comment; new tables created, parents first; foreign keys created (their targets now
 *   exist); unused enum types dropped.
 *
 * Tables that refer to each other (a cycle) cannot be created with all their foreign keys
 * inline, nor dropped one by one, where the database checks the referred table (PostgreSQL).
 * Where the dialect can ALTER constraints, the keys that refer forward in the creation order
 * are added after the tables, and dropped before the tables go, as SQLAlchemy's
 * `create_all`/`drop_all` do (Alembic's autogenerate writes them inline, and the revision fails).
 */
import type {
  CreateForeignKeyOp,
  CreateTableOp,
  DropConstraintOp,
  DropEnumOp,
  DropTableOp,
  Op,
} from '../../operations/ops.js';
import { forwardForeignKeys, sortTablesByDependency } from '../../snapshot/dependency-order.js';
import type { ForeignKeySnapshot, SchemaSnapshot, TableSnapshot } from '../../snapshot/types.js';
import { DecisionLog, type OpenDecision, type ResolvedDecision } from '../resolver/decisions.js';
import type { CompareContext, CompareOptions } from './compare-context.js';
import { compareEnums, rebuildEnum } from './compare-enums.js';
import { compareForeignKeys } from './compare-foreign-keys.js';
import { compareTable } from './compare-table.js';
import { dependentForeignKeys, type DroppedKey } from './dependent-foreign-keys.js';
import { resolveColumnRenames, resolveTableRenames } from './compare-renames.js';
import { deepEqual, enumOf } from './equality.js';
import { byTableName, findTable } from './working-snapshot.js';

export interface CompareResult {
  /** The upgrade: run in this order, they turn the database into the models. */
  readonly ops: readonly Op[];
  /** Questions the resolver answered (renames taken, drops confirmed or refused). */
  readonly decisions: readonly ResolvedDecision[];
  /** Questions nobody answered: the ops leave those renames and drops out. */
  readonly openDecisions: readonly OpenDecision[];
}

/** `models` is the schema to reach, `database` the schema as it is; both normalized for one dialect. */
export async function compareSnapshots(
  models: SchemaSnapshot,
  database: SchemaSnapshot,
  options: CompareOptions,
): Promise<CompareResult> {
  const target = sorted(models);
  const current = sorted(database);
  const ctx: CompareContext = { options, log: new DecisionLog(options.resolver) };
  // Pairs found equal, kept for the second pass over the tables (the same objects unless an
  // enum rebuild changed the database's table in between).
  const equalPairs = new WeakMap<TableSnapshot, TableSnapshot>();
  const equal = (table: TableSnapshot, existing: TableSnapshot): boolean => {
    if (equalPairs.get(table) === existing) return true;
    const same = deepEqual(table, existing);
    if (same) equalPairs.set(table, existing);
    return same;
  };

  const tableRenames = await resolveTableRenames(target, current, ctx.log);
  const columnRenames = await resolveColumnRenames(target, tableRenames.working, ctx.log, options.quoteIdentifier);
  const enums = await compareEnums(target, columnRenames.working, ctx.log);
  let working = enums.working;

  const surviving = target.tables.filter((t) => findTable(working, t.schema, t.name) !== undefined);
  const created = target.tables.filter((t) => findTable(working, t.schema, t.name) === undefined);
  const gone = working.tables.filter((t) => findTable(target, t.schema, t.name) === undefined);

  const fkDrops: DropConstraintOp[] = [];
  const fkCreates: CreateForeignKeyOp[] = [];
  for (const table of surviving) {
    const existing = findTable(working, table.schema, table.name)!;
    // A table the same on both sides has nothing to compare (most tables, most of the time).
    if (equal(table, existing)) continue;
    const fks = compareForeignKeys(table, existing);
    fkDrops.push(...fks.drop);
    fkCreates.push(...fks.create);
  }

  const drops = await dropTables(gone, ctx);
  fkDrops.push(...drops.cyclicKeys);
  working = { ...working, tables: working.tables.filter((t) => !drops.dropped.includes(t)) };

  const rebuilds: Op[] = [];
  for (const rebuild of enums.rebuilds) {
    const step = rebuildEnum(rebuild, target, working);
    rebuilds.push(...step.ops);
    working = step.working;
  }

  const tableChanges: Op[] = [];
  const droppedKeys: DroppedKey[] = [];
  const keptColumns = drops.kept.flatMap((t) => t.columns);
  for (const table of surviving) {
    const existing = findTable(working, table.schema, table.name)!;
    if (equal(table, existing)) continue;
    const diff = await compareTable(table, existing, ctx);
    tableChanges.push(...diff.ops);
    droppedKeys.push(...diff.droppedKeys);
    keptColumns.push(...diff.keptColumns);
  }

  const dependents = dependentForeignKeys(droppedKeys, target, working, fkDrops);
  fkDrops.push(...dependents.drop);
  fkCreates.push(...dependents.create);

  const tableCreates: CreateTableOp[] = [];
  for (const { table, late } of withCyclicKeys(sortTablesByDependency(created), options)) {
    const foreignKeys = table.foreignKeys.filter((fk) => !late.includes(fk));
    tableCreates.push({ kind: 'createTable', table: late.length === 0 ? table : { ...table, foreignKeys } });
    fkCreates.push(...late.map((constraint): CreateForeignKeyOp => ({ kind: 'createForeignKey', schema: table.schema, table: table.name, constraint })));
  }
  // A type still used by a table or column whose drop was refused must stay.
  const stillUsed = new Set(keptColumns.map((c) => enumOf(c.type)));
  const enumDrops = enums.removed
    .filter((e) => !stillUsed.has(e.name))
    .map((e): DropEnumOp => ({ kind: 'dropEnum', schema: e.schema, name: e.name, existingValues: e.values }));

  return {
    ops: [
      ...enums.early,
      ...tableRenames.ops,
      ...columnRenames.ops,
      ...fkDrops,
      ...drops.ops,
      ...rebuilds,
      ...tableChanges,
      ...tableCreates,
      ...fkCreates,
      ...enumDrops,
    ],
    decisions: ctx.log.resolved,
    openDecisions: ctx.log.open,
  };
}

/** Tables the models no longer have, dropped children first, where the drop is confirmed. */
async function dropTables(
  gone: readonly TableSnapshot[],
  ctx: CompareContext,
): Promise<{ ops: DropTableOp[]; dropped: TableSnapshot[]; kept: TableSnapshot[]; cyclicKeys: DropConstraintOp[] }> {
  const dropped: TableSnapshot[] = [];
  const kept: TableSnapshot[] = [];
  for (const table of gone) {
    if (await ctx.log.confirmDrop('table', table.schema, null, table.name)) dropped.push(table);
    else kept.push(table);
  }
  const cyclicKeys: DropConstraintOp[] = [];
  const ops: DropTableOp[] = [];
  for (const { table, late } of withCyclicKeys(sortTablesByDependency(dropped), ctx.options)) {
    // A key without a name cannot be dropped by itself: it stays inline, as Alembic leaves it.
    const early = late.filter((fk) => fk.name !== null);
    cyclicKeys.push(
      ...early.map((fk): DropConstraintOp => ({
        kind: 'dropConstraint',
        schema: table.schema,
        table: table.name,
        name: fk.name!,
        type: 'foreignkey',
        existing: { type: 'foreignkey', constraint: fk },
      })),
    );
    // As the table is when it goes, so the downgrade recreates it without the keys added after.
    const existing = early.length === 0 ? table : { ...table, foreignKeys: table.foreignKeys.filter((fk) => !early.includes(fk)) };
    ops.unshift({ kind: 'dropTable', schema: table.schema, table: table.name, existing });
  }
  return { ops, dropped, kept, cyclicKeys };
}

/**
 * Each table of `ordered` (parents first) with its foreign keys that close a cycle. None where
 * the dialect cannot ALTER constraints (SQLite, which does not check the referred table at
 * CREATE TABLE, keeps them inline).
 */
function withCyclicKeys(
  ordered: readonly TableSnapshot[],
  options: CompareOptions,
): { table: TableSnapshot; late: TableSnapshot['foreignKeys'] }[] {
  const forward = options.capabilities.alterColumn === true ? forwardForeignKeys(ordered) : new Map<TableSnapshot, ForeignKeySnapshot[]>();
  return ordered.map((table) => ({ table, late: forward.get(table) ?? [] }));
}

/** Tables and enums in (schema, name) order, whatever order the caller built them in. */
function sorted(snapshot: SchemaSnapshot): SchemaSnapshot {
  return { ...snapshot, tables: [...snapshot.tables].sort(byTableName), enums: [...snapshot.enums].sort(byTableName) };
}
