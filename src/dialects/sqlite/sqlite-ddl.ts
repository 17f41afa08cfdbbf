/**
 * Ops to SQLite statements. Native ALTER where SQLite has one (ADD/DROP/RENAME COLUMN,
 * RENAME TABLE, CREATE/DROP INDEX); everything else is a table rebuild, one per run of
 * consecutive ops on the same table. A RENAME COLUMN always runs natively, between rebuilds,
 * so that SQLite itself rewrites the triggers, views and indexes that name the column.
 *
 * `context.before` and `context.storedObjects` are read only when a decision needs them
 * (dropping a column, or a rebuild), so that compiling the common steps costs no catalog query.
 */
import { positionalParams } from './sqlite-placeholders.js';
import { AlembicError } from '../../errors.js';
import type { AlterColumnOp, BatchAlterTableOp, BulkInsertOp, Op, RenameColumnOp, TableOp } from '../../operations/ops.js';
import type { ColumnType, SchemaSnapshot, TableSnapshot } from '../../snapshot/types.js';
import type { CompileContext, Statement } from '../dialect.js';
import { columnDefinition, createIndexSql, createTableStatements, statement } from './sqlite-create-table.js';
import { isConstantDefault } from './sqlite-defaults.js';
import { quoteSqliteIdentifier as q } from './sqlite-identifiers.js';
import { FOREIGN_KEYS_OFF, rebuildStatements } from './sqlite-rebuild.js';
import { SchemaTracker } from './sqlite-schema-tracker.js';
import { sqliteDateText } from './sqlite-values.js';

type Step = Exclude<Op, BatchAlterTableOp>;
type AlterStep = Exclude<TableOp, RenameColumnOp>;

/** Batches flattened; a column rename split off an alterColumn so that it runs natively. */
function expand(ops: readonly Op[]): Step[] {
  return ops.flatMap((op): Step[] => {
    if (op.kind === 'batchAlterTable') return expand(op.ops);
    if (op.kind !== 'alterColumn' || op.changes.newName === undefined || op.changes.newName === op.column) return [op];
    const { newName, ...changes } = op.changes;
    const rename: RenameColumnOp = { kind: 'renameColumn', schema: op.schema, table: op.table, column: op.column, newName };
    const rest = Object.values(changes).some((v) => v !== undefined);
    return rest ? [rename, { ...op, column: newName, changes, existing: op.existing && { ...op.existing, name: newName } }] : [rename];
  });
}

const TABLE_OPS = new Set<Op['kind']>([
  'addColumn', 'dropColumn', 'alterColumn', 'createIndex', 'dropIndex', 'createUniqueConstraint', 'createForeignKey',
  'createCheckConstraint', 'createPrimaryKey', 'dropConstraint', 'setTableComment',
]);

const isAlterStep = (op: Step): op is AlterStep => TABLE_OPS.has(op.kind);

/** SQLite's ADD COLUMN takes no NOT NULL without a default, no CURRENT_* or expression default. */
function addableColumn(op: AlterStep): boolean {
  if (op.kind !== 'addColumn') return false;
  const { nullable, default: value } = op.column;
  return value === null ? nullable : isConstantDefault(value);
}

const commentOnly = (op: AlterColumnOp): boolean =>
  Object.entries(op.changes).every(([key, value]) => key === 'comment' || value === undefined);

/** Native without knowing the table. */
function nativeBlind(op: AlterStep): boolean {
  return (
    addableColumn(op) ||
    op.kind === 'createIndex' ||
    op.kind === 'dropIndex' ||
    op.kind === 'setTableComment' ||
    (op.kind === 'alterColumn' && commentOnly(op))
  );
}

const hasColumn = (table: TableSnapshot, column: string): boolean => table.columns.some((c) => c.name === column);

/** SQLite's DROP COLUMN refuses a column that a key, a constraint or an index uses. */
function columnIsFree(table: TableSnapshot, column: string): boolean {
  const pruned = SchemaTracker.dropColumnFrom(table, column);
  return (
    pruned.primaryKey === table.primaryKey &&
    pruned.foreignKeys.length === table.foreignKeys.length &&
    pruned.uniqueConstraints.length === table.uniqueConstraints.length &&
    pruned.checkConstraints.length === table.checkConstraints.length &&
    pruned.indexes.length === table.indexes.length
  );
}

function native(op: AlterStep, table: TableSnapshot, after: TableSnapshot): boolean {
  if (nativeBlind(op)) return true;
  if (op.kind === 'dropColumn') return !hasColumn(table, op.column) || columnIsFree(table, op.column);
  if (op.kind === 'alterColumn') {
    // A change SQLite cannot see (comment, autoincrement, an alias type) needs no statement.
    const was = table.columns.find((c) => c.name === op.column);
    const now = after.columns.find((c) => c.name === op.column);
    return was !== undefined && now !== undefined && columnDefinition(was) === columnDefinition(now);
  }
  return false;
}

function nativeStatements(op: AlterStep): Statement[] {
  switch (op.kind) {
    case 'addColumn':
      return [statement(`ALTER TABLE ${q(op.table)} ADD COLUMN ${columnDefinition(op.column)}`)];
    case 'dropColumn':
      return [statement(`ALTER TABLE ${q(op.table)} DROP COLUMN ${q(op.column)}`)];
    case 'createIndex':
      return [statement(createIndexSql(op.table, op.index))];
    case 'dropIndex':
      return [statement(`DROP INDEX ${q(op.name)}`)];
    default:
      return [];
  }
}

/** Columns of the rebuilt table filled from the old one, by name, after drops and re-adds. */
function copiedColumns(before: TableSnapshot, run: readonly AlterStep[]): Map<string, string> {
  const sources = new Map(before.columns.map((c) => [c.name, c.name]));
  for (const op of run) {
    if (op.kind === 'dropColumn') sources.delete(op.column);
    if (op.kind === 'addColumn') sources.delete(op.column.name);
  }
  return sources;
}

function compileRun(run: readonly AlterStep[], tracker: SchemaTracker): Statement[] {
  const first = run[0]!;
  if (run.every(nativeBlind)) return run.flatMap(nativeStatements);
  const schema = tracker.current();
  const table = schema.tables.find((t) => t.schema === first.schema && t.name === first.table);
  if (table === undefined) {
    if (run.every((op) => nativeBlind(op) || op.kind === 'dropColumn')) return run.flatMap(nativeStatements);
    throw new AlembicError('E_SQLITE_UNKNOWN_TABLE', `cannot rebuild table "${first.table}": it is not in the schema this migration starts from`, {
      hint: 'SQLite changes this by rebuilding the table, which needs its definition; create the table with op.createTable, not op.execute',
    });
  }
  const tableAt = (s: SchemaSnapshot): TableSnapshot => s.tables.find((t) => t.schema === first.schema && t.name === first.table)!;
  const states: SchemaSnapshot[] = [schema];
  for (const op of run) {
    const previous = states[states.length - 1]!;
    // Native ops may name what an `execute` made, unknown here: the database judges those.
    // A rebuild must know its table exactly.
    const lenient = nativeBlind(op) || (op.kind === 'dropColumn' && !hasColumn(tableAt(previous), op.column));
    states.push(lenient ? SchemaTracker.applyLenient(previous, op) : SchemaTracker.applyStrict(previous, op));
  }
  const allNative = run.every((op, i) => native(op, tableAt(states[i]!), tableAt(states[i + 1]!)));
  if (allNative) return run.flatMap(nativeStatements);
  const schemaAfter = states[states.length - 1]!;
  return rebuildStatements({
    before: table,
    after: tableAt(schemaAfter),
    sources: copiedColumns(table, run),
    schemaAfter,
    objects: tracker.storedObjects(),
  });
}

/**
 * With foreign keys on, DROP TABLE first deletes the table's rows, and so cascade-deletes (or
 * nulls) the rows of the tables that refer to it. Dropped with foreign keys off, the table
 * goes alone; this check, after the step's last op, then fails the step where a table still
 * holds rows that referred to it, as PostgreSQL refuses to drop a referenced table. The tables
 * that refer to it are found when the check runs, so a child dropped later in the step counts.
 */
function droppedTableCheck(table: string): Statement {
  const children =
    "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS " +
    '(SELECT 1 FROM pragma_foreign_key_list(m.name) l WHERE l."table" = ? COLLATE NOCASE)';
  return {
    ...statement(`WITH children AS MATERIALIZED (${children}) SELECT v.* FROM children c, pragma_foreign_key_check(c.name) v WHERE v.parent = ? COLLATE NOCASE`, [table, table]),
    assertNoRows: `dropping table "${table}" would leave rows of other tables referring to it; drop or change those first`,
    sessionSetting: FOREIGN_KEYS_OFF,
  };
}

/** Dates take their column's storage format; the table's types are read only when a row holds a Date. */
function bulkValueConverter(tracker: SchemaTracker, op: BulkInsertOp): (column: string, value: unknown) => unknown {
  let types: ReadonlyMap<string, ColumnType> | null = null;
  return (column, value) => {
    if (!(value instanceof Date)) return value;
    if (types === null) {
      const table = tracker.current().tables.find((t) => t.name === op.table && (op.schema === null || t.schema === op.schema));
      types = new Map(table?.columns.map((c) => [c.name, c.type]));
    }
    return sqliteDateText(value, types.get(column));
  };
}

/** Rows grouped by their column list; one INSERT per group of up to 500 rows. */
function bulkInsertStatements(tracker: SchemaTracker, op: BulkInsertOp): Statement[] {
  const convert = bulkValueConverter(tracker, op);
  const out: Statement[] = [];
  let i = 0;
  while (i < op.rows.length) {
    const keys = Object.keys(op.rows[i]!);
    const signature = keys.join('\u0000');
    const group = [op.rows[i]!];
    while (++i < op.rows.length && group.length < 500 && Object.keys(op.rows[i]!).join('\u0000') === signature) group.push(op.rows[i]!);
    if (keys.length === 0) {
      for (let n = 0; n < group.length; n++) out.push(statement(`INSERT INTO ${q(op.table)} DEFAULT VALUES`));
      continue;
    }
    const row = `(${keys.map(() => '?').join(', ')})`;
    const sql = `INSERT INTO ${q(op.table)} (${keys.map(q).join(', ')}) VALUES ${group.map(() => row).join(', ')}`;
    out.push(statement(sql, group.flatMap((r) => keys.map((k) => convert(k, r[k])))));
  }
  return out;
}

function compileStep(tracker: SchemaTracker, op: Exclude<Step, AlterStep>): Statement[] {
  switch (op.kind) {
    case 'createTable':
      return createTableStatements(op.table);
    case 'dropTable':
      return [{ ...statement(`DROP TABLE ${q(op.table)}`), sessionSetting: FOREIGN_KEYS_OFF }];
    case 'renameTable':
      return [statement(`ALTER TABLE ${q(op.table)} RENAME TO ${q(op.newName)}`)];
    case 'renameColumn':
      return [statement(`ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.column)} TO ${q(op.newName)}`)];
    case 'execute': {
      const positional = positionalParams(op.sql, op.params);
      return [statement(positional.sql, positional.params)];
    }
    case 'bulkInsert':
      return bulkInsertStatements(tracker, op);
    case 'createEnum':
    case 'dropEnum':
    case 'addEnumValue':
    case 'renameEnumValue':
      // SQLite has no enum types: an enum column is a VARCHAR.
      return [];
  }
}

const sameTable = (a: AlterStep, b: AlterStep): boolean => a.schema === b.schema && a.table === b.table;

export function compileSqlite(ops: readonly Op[], context: CompileContext): Statement[] {
  const steps = expand(ops);
  const tracker = new SchemaTracker(context);
  const out: Statement[] = [];
  const dropped = new Set<string>();
  let i = 0;
  while (i < steps.length) {
    const op = steps[i]!;
    if (!isAlterStep(op)) {
      if (op.kind === 'dropTable') dropped.add(op.table);
      out.push(...compileStep(tracker, op));
      tracker.advance([op]);
      i++;
      continue;
    }
    let end = i + 1;
    while (end < steps.length && isAlterStep(steps[end]!) && sameTable(steps[end] as AlterStep, op)) end++;
    const run = steps.slice(i, end) as AlterStep[];
    out.push(...compileRun(run, tracker));
    tracker.advance(run);
    i = end;
  }
  for (const table of dropped) out.push(droppedTableCheck(table));
  return out;
}
