/**
 * Keeps the stored objects of a CompileContext in step with the ops compiled before a
 * rebuild, the way SQLite itself rewrites them: RENAME TABLE and RENAME COLUMN change the text
 * of the triggers and views that name the table or column, DROP TABLE takes the table's
 * indexes and triggers along. Token-level, like the rest of this dialect's text handling.
 */
import { referencesIdentifier, renameIdentifier } from '../common/expression-identifiers.js';
import type { Op } from '../../operations/ops.js';
import type { StoredObject } from '../dialect.js';
import { quoteSqliteIdentifier } from './sqlite-identifiers.js';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** SQLite writes a renamed table's new name double-quoted, whatever it looks like. */
const alwaysQuoted = (name: string): string => `"${name.split('"').join('""')}"`;

function rewrite(objects: readonly StoredObject[], applies: (o: StoredObject) => boolean, change: (sql: string) => string): StoredObject[] {
  return objects.map((o) => (o.sql !== null && (o.type === 'view' || o.type === 'trigger') && applies(o) ? { ...o, sql: change(o.sql) } : o));
}

export function trackStoredObjects(objects: readonly StoredObject[], op: Op): StoredObject[] {
  switch (op.kind) {
    case 'renameTable': {
      const renamed = rewrite(objects, (o) => same(o.table, op.table) || referencesIdentifier(o.sql!, op.table), (sql) =>
        renameIdentifier(sql, op.table, op.newName, alwaysQuoted),
      );
      return renamed.map((o) => (same(o.table, op.table) ? { ...o, table: op.newName, name: o.type === 'table' ? op.newName : o.name } : o));
    }
    case 'renameColumn':
      return rewrite(objects, (o) => same(o.table, op.table) || referencesIdentifier(o.sql!, op.table), (sql) =>
        renameIdentifier(sql, op.column, op.newName, quoteSqliteIdentifier),
      );
    case 'dropTable':
      return objects.filter((o) => !(same(o.table, op.table) && o.type !== 'view'));
    default:
      return [...objects];
  }
}
