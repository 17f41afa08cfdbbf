/**
 * What SQLite cannot ALTER, it rebuilds: the 12-step procedure of
 * https://www.sqlite.org/lang_altertable.html#otheralter. A new table is created from the
 * table's snapshot after the ops, the rows are copied over, the old table is dropped and the
 * new one renamed into its place; indexes, and the triggers and views that use the table,
 * are created again.
 *
 * Every statement asks for `foreign_keys = OFF` for its transaction: inside a transaction
 * SQLite ignores that pragma, and with it on, DROP TABLE would delete (or cascade-delete)
 * the rows of child tables. `PRAGMA foreign_key_check` then verifies the table and the tables
 * that refer to it before the transaction commits.
 */
import { referencesIdentifier } from '../common/expression-identifiers.js';
import type { SchemaSnapshot, TableSnapshot } from '../../snapshot/types.js';
import type { Statement, StoredObject } from '../dialect.js';
import { createIndexSql, createTableSql, statement } from './sqlite-create-table.js';
import { quoteSqliteIdentifier as q } from './sqlite-identifiers.js';
import { parseCreateTable } from './sqlite-table-parser.js';
import { affinity, typeToSql } from './sqlite-types.js';

/** Set before the transaction begins: inside one SQLite ignores it (SPEC section 5). */
export const FOREIGN_KEYS_OFF = { name: 'foreign_keys', value: 'OFF' } as const;

export interface Rebuild {
  readonly before: TableSnapshot;
  readonly after: TableSnapshot;
  /** For each column of `after` filled from the old table: the old column's name. */
  readonly sources: ReadonlyMap<string, string>;
  /** The whole schema after the ops, to find the tables whose foreign keys point here. */
  readonly schemaAfter: SchemaSnapshot;
  /** The stored objects before the rebuild, or null when they are not known (offline). */
  readonly objects: readonly StoredObject[] | null;
}

export const TEMP_PREFIX = '_alembic_tmp_';
const REBUILD_SAVEPOINT = 'alembic_rebuild';

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Views and triggers that must be dropped before the old table goes and created again after:
 * SQLite refuses to rename the new table into place while any of them names a missing table.
 * The triggers on the table itself go with it. Views that use such a view follow, in turn.
 */
export function dependentObjects(table: string, objects: readonly StoredObject[]): StoredObject[] {
  const gone = new Set([table.toLowerCase()]);
  const found = new Set<StoredObject>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of objects) {
      if ((o.type !== 'view' && o.type !== 'trigger') || found.has(o) || o.sql === null) continue;
      const sql = o.sql;
      if (gone.has(o.table.toLowerCase()) || [...gone].some((name) => referencesIdentifier(sql, name))) {
        found.add(o);
        if (o.type === 'view') gone.add(o.name.toLowerCase());
        grew = true;
      }
    }
  }
  return objects.filter((o) => found.has(o));
}

/** Copies each kept column, CAST to the new type where the declared type changes affinity. */
function copyRows(rebuild: Rebuild, temp: string): string {
  const targets: string[] = [];
  const sources: string[] = [];
  for (const column of rebuild.after.columns) {
    const source = rebuild.sources.get(column.name);
    if (source === undefined) continue;
    const old = rebuild.before.columns.find((c) => c.name === source)!;
    const newType = typeToSql(column.type);
    const cast = newType !== '' && affinity(typeToSql(old.type)) !== affinity(newType);
    targets.push(q(column.name));
    sources.push(cast ? `CAST(${q(source)} AS ${newType})` : q(source));
  }
  if (targets.length === 0) return '';
  return `INSERT INTO ${q(temp)} (${targets.join(', ')}) SELECT ${sources.join(', ')} FROM ${q(rebuild.before.name)}`;
}

/** Fails the rebuild, before anything is dropped, when the table has triggers compile does not know. */
function unknownTriggerGuard(name: string, known: readonly StoredObject[]): Statement {
  const names = known.filter((o) => o.type === 'trigger').map((o) => o.name);
  const notIn = names.length === 0 ? '' : ` AND name NOT IN (${names.map(() => '?').join(', ')})`;
  return {
    ...statement(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? COLLATE NOCASE${notIn}`, [name, ...names]),
    assertNoRows: `table "${name}" has triggers this migration does not know of (created by an execute op earlier in it?); a rebuild would lose them`,
  };
}

/**
 * Fails the rebuild before the copy when a NOT NULL column would get NULL from it, naming the
 * table and column: SQLite's own error would name the temporary table. A copied column gets
 * NULL where the old one held NULL (its default does not apply to an explicit NULL); a new
 * one, without a default, in every row.
 */
function notNullGuards(rebuild: Rebuild): Statement[] {
  const table = rebuild.before.name;
  const guards: Statement[] = [];
  for (const column of rebuild.after.columns) {
    if (column.nullable || column.autoincrement) continue;
    const source = rebuild.sources.get(column.name);
    const old = source === undefined ? undefined : rebuild.before.columns.find((c) => c.name === source);
    if (source !== undefined && old?.nullable === true) {
      guards.push({
        ...statement(`SELECT * FROM ${q(table)} WHERE ${q(source)} IS NULL LIMIT 3`),
        assertNoRows: `column "${column.name}" of table "${table}" becomes NOT NULL, but rows hold NULL in it; fill them first (op.execute an UPDATE)`,
      });
    } else if (source === undefined && column.default === null) {
      guards.push({
        ...statement(`SELECT * FROM ${q(table)} LIMIT 3`),
        assertNoRows: `column "${column.name}" is added to table "${table}" as NOT NULL without a default, but the table has rows; give it a default, or add it nullable, fill it and then make it NOT NULL`,
      });
    }
  }
  return guards;
}

function foreignKeyChecks(rebuild: Rebuild): Statement[] {
  const name = rebuild.after.name;
  const children = rebuild.schemaAfter.tables
    .filter((t) => !sameName(t.name, name) && t.foreignKeys.some((fk) => sameName(fk.referredTable, name)))
    .map((t) => t.name);
  return [name, ...children].map((table) => ({
    ...statement('SELECT * FROM pragma_foreign_key_check(?)', [table]),
    assertNoRows: `rebuilding table "${name}" left rows of "${table}" that violate a foreign key`,
  }));
}

export function rebuildStatements(rebuild: Rebuild): Statement[] {
  const name = rebuild.before.name;
  const temp = TEMP_PREFIX + name;
  const objects = rebuild.objects ?? [];
  const stored = objects.find((o) => o.type === 'table' && sameName(o.name, name))?.sql ?? null;
  const parsed = stored === null ? null : parseCreateTable(stored);
  const autoincrementKeyword = parsed?.autoincrement === true;
  const dependents = dependentObjects(name, objects);
  const insert = copyRows(rebuild, temp);

  const views = dependents.filter((d) => d.type === 'view');
  const triggers = dependents.filter((d) => d.type === 'trigger');
  const sql: Statement[] = [unknownTriggerGuard(name, dependents), ...notNullGuards(rebuild)];
  // Triggers first: dropping a view takes its INSTEAD OF triggers along. Those on the table go with it.
  for (const t of triggers) if (!sameName(t.table, name)) sql.push(statement(`DROP TRIGGER ${q(t.name)}`));
  for (const v of views) sql.push(statement(`DROP VIEW ${q(v.name)}`));
  sql.push(statement(createTableSql(rebuild.after, { name: temp, autoincrementKeyword, tableOptions: parsed?.options ?? '' })));
  if (insert !== '') sql.push(statement(insert));
  if (autoincrementKeyword) {
    // Keeps the highest id ever handed out, which AUTOINCREMENT promises never to reuse.
    sql.push(statement(
      'UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0)) WHERE name = ?',
      [name, temp],
    ));
  }
  sql.push(statement(`DROP TABLE ${q(name)}`));
  sql.push(statement(`ALTER TABLE ${q(temp)} RENAME TO ${q(rebuild.after.name)}`));
  for (const index of rebuild.after.indexes) sql.push(statement(createIndexSql(rebuild.after.name, index)));
  for (const o of [...views, ...triggers]) sql.push(statement(o.sql!));
  sql.push(...foreignKeyChecks(rebuild));
  // A savepoint makes the rebuild all or nothing even in a revision that runs outside a
  // transaction (where the runner rolls back what a failure left open): otherwise a failed
  // copy would leave the temporary table behind. Inside a transaction it nests.
  const atomic = [statement(`SAVEPOINT ${REBUILD_SAVEPOINT}`), ...sql, statement(`RELEASE ${REBUILD_SAVEPOINT}`)];
  return atomic.map((s) => ({ ...s, sessionSetting: FOREIGN_KEYS_OFF }));
}
