/**
 * The live SQLite schema as a SchemaSnapshot, in five catalog queries whatever the number of
 * tables: the pragmas' table-valued forms joined with `sqlite_master`. What the pragmas do not
 * tell (constraint names, CHECKs, collations, index expressions and predicates) is read from
 * the stored CREATE text.
 */
import type {
  CheckSnapshot,
  ColumnSnapshot,
  ForeignKeySnapshot,
  IndexElement,
  IndexSnapshot,
  ReferentialAction,
  SchemaSnapshot,
  TableSnapshot,
  UniqueSnapshot,
} from '../../snapshot/types.js';
import type { Connection, IntrospectOptions, StoredObject } from '../dialect.js';
import { normalizeSqliteExpression } from './sqlite-defaults.js';
import { parseCreateIndex, type ParsedIndex } from './sqlite-index-parser.js';
import { isWithoutRowid, parseCreateTable, type ParsedConstraint, type ParsedTable } from './sqlite-table-parser.js';
import { sqlToType } from './sqlite-types.js';

type Row = Record<string, unknown>;

const TABLES = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL %'`;

const QUERIES = {
  objects: `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid`,
  columns: `SELECT m.name AS tbl, c.cid, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden
    FROM (${TABLES}) m, pragma_table_xinfo(m.name) c ORDER BY m.name, c.cid`,
  indexes: `SELECT m.name AS tbl, l.name, l."unique", l.origin, l.partial
    FROM (${TABLES}) m, pragma_index_list(m.name) l ORDER BY m.name, l.name`,
  indexColumns: `SELECT l.name AS idx, x.seqno, x.cid, x.name, x."desc"
    FROM (${TABLES}) m, pragma_index_list(m.name) l, pragma_index_xinfo(l.name) x
    WHERE x."key" = 1 ORDER BY l.name, x.seqno`,
  foreignKeys: `SELECT m.name AS tbl, f.id, f.seq, f."table" AS referred, f."from", f."to", f.on_update, f.on_delete
    FROM (${TABLES}) m, pragma_foreign_key_list(m.name) f ORDER BY m.name, f.id, f.seq`,
};

function groupBy(rows: readonly Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = String(row[key]);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [row]);
    else group.push(row);
  }
  return groups;
}

const byName = <T extends { readonly name: string | null }>(items: T[]): T[] =>
  items.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0));

const sameColumns = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((c, i) => c.toLowerCase() === b[i]!.toLowerCase());

/** The name the CREATE TABLE text gives a constraint, matched by its columns; each used once. */
function constraintName<T extends ParsedConstraint>(parsed: T[], matches: (p: T) => boolean): string | null {
  const index = parsed.findIndex(matches);
  if (index === -1) return null;
  const [found] = parsed.splice(index, 1);
  return found!.name;
}

function action(value: unknown): ReferentialAction | null {
  return value === 'NO ACTION' || value === null || value === undefined ? null : (String(value) as ReferentialAction);
}

interface Catalog {
  readonly columns: Map<string, Row[]>;
  readonly indexes: Map<string, Row[]>;
  readonly indexColumns: Map<string, Row[]>;
  readonly foreignKeys: Map<string, Row[]>;
  readonly indexSql: Map<string, string | null>;
}

function readColumns(rows: readonly Row[], parsed: ParsedTable): ColumnSnapshot[] {
  const keyRows = rows.filter((r) => Number(r['pk']) > 0);
  const rowidTable = !isWithoutRowid(parsed);
  // Column names are case-insensitive; the first parsed column of a name is the one.
  const parsedColumns = new Map<string, ParsedTable['columns'][number]>();
  for (const c of parsed.columns) {
    const key = c.name.toLowerCase();
    if (!parsedColumns.has(key)) parsedColumns.set(key, c);
  }
  return rows
    .filter((r) => Number(r['hidden']) === 0)
    .map((r) => {
      const name = String(r['name']);
      const type = sqlToType(String(r['type'] ?? ''));
      const inKey = Number(r['pk']) > 0;
      const found = parsedColumns.get(name.toLowerCase());
      return {
        name,
        type,
        nullable: Number(r['notnull']) === 0 && !inKey,
        default: r['dflt_value'] === null ? null : String(r['dflt_value']),
        // A single INTEGER PRIMARY KEY is an alias of the rowid: SQLite assigns it.
        autoincrement: inKey && keyRows.length === 1 && type.name === 'integer' && rowidTable,
        comment: null,
        collation: found?.collation ?? null,
      };
    });
}

function readForeignKeys(rows: readonly Row[], parsed: ParsedTable, catalog: Catalog): ForeignKeySnapshot[] {
  const remaining = [...parsed.foreignKeys];
  // SQLite numbers foreign keys from the last declared: reversed, they come in declaration order.
  return [...groupBy(rows, 'id').values()].reverse().map((group) => {
    const first = group[0]!;
    const referredTable = String(first['referred']);
    const columns = group.map((r) => String(r['from']));
    // `REFERENCES parent` without columns means the parent's primary key.
    const parentKey = (): string[] =>
      (catalog.columns.get(referredTable) ?? [])
        .filter((r) => Number(r['pk']) > 0)
        .sort((a, b) => Number(a['pk']) - Number(b['pk']))
        .map((r) => String(r['name']));
    const referredColumns = group.every((r) => r['to'] === null) ? parentKey() : group.map((r) => String(r['to']));
    const name = constraintName(
      remaining,
      (p) => sameColumns(p.columns, columns) && p.referredTable.toLowerCase() === referredTable.toLowerCase(),
    );
    return {
      name,
      columns,
      referredSchema: null,
      referredTable,
      referredColumns,
      onDelete: action(first['on_delete']),
      onUpdate: action(first['on_update']),
    };
  });
}

function indexElements(name: string, catalog: Catalog): IndexElement[] {
  const sql = catalog.indexSql.get(name);
  // Parsed only for expression elements: the pragma names every column element.
  let parsed: ParsedIndex | null | undefined;
  return (catalog.indexColumns.get(name) ?? []).map((r) => {
    if (Number(r['cid']) >= 0) return Number(r['desc']) === 1 ? { column: String(r['name']), descending: true } : { column: String(r['name']) };
    parsed ??= sql === null || sql === undefined ? null : parseCreateIndex(sql);
    return { expression: normalizeSqliteExpression(parsed?.elements[Number(r['seqno'])] ?? '') };
  });
}

function readIndexes(rows: readonly Row[], parsed: ParsedTable, catalog: Catalog): { unique: UniqueSnapshot[]; indexes: IndexSnapshot[] } {
  const remaining = [...parsed.uniques];
  // Automatic indexes are numbered in declaration order (sqlite_autoindex_<table>_<n>).
  const number = (r: Row): number => Number(/_(\d+)$/.exec(String(r['name']))?.[1] ?? 0);
  const unique = rows
    .filter((r) => r['origin'] === 'u')
    .sort((a, b) => number(a) - number(b))
    .map((r) => {
      const columns = (catalog.indexColumns.get(String(r['name'])) ?? []).map((c) => String(c['name']));
      return { name: constraintName(remaining, (p) => sameColumns(p.columns, columns)), columns };
    });
  // SQLite builds no index for a UNIQUE on the very columns of another UNIQUE or of the
  // PRIMARY KEY (sqlite3CreateIndex reuses that one), but the constraint is declared all the same.
  const indexedColumns = rows
    .filter((r) => r['origin'] === 'u' || r['origin'] === 'pk')
    .map((r) => (catalog.indexColumns.get(String(r['name'])) ?? []).map((c) => String(c['name'])));
  for (const p of remaining) {
    if (indexedColumns.some((columns) => sameColumns(p.columns, columns))) unique.push({ name: p.name, columns: [...p.columns] });
  }
  const indexes = rows
    .filter((r) => r['origin'] === 'c')
    .map((r) => {
      const name = String(r['name']);
      const sql = catalog.indexSql.get(name);
      const where = Number(r['partial']) === 1 && sql ? parseCreateIndex(sql).where : null;
      return {
        name,
        elements: indexElements(name, catalog),
        unique: Number(r['unique']) === 1,
        where: where === null ? null : normalizeSqliteExpression(where),
      };
    });
  return { unique, indexes };
}

function readTable(name: string, sql: string, catalog: Catalog): TableSnapshot {
  const parsed = parseCreateTable(sql);
  const columnRows = catalog.columns.get(name) ?? [];
  const keyColumns = columnRows
    .filter((r) => Number(r['pk']) > 0)
    .sort((a, b) => Number(a['pk']) - Number(b['pk']))
    .map((r) => String(r['name']));
  const { unique, indexes } = readIndexes(catalog.indexes.get(name) ?? [], parsed, catalog);
  const checks: CheckSnapshot[] = parsed.checks.map((c) => ({ name: c.name, sql: normalizeSqliteExpression(c.sql) }));
  return {
    schema: null,
    name,
    columns: readColumns(columnRows, parsed),
    primaryKey: keyColumns.length === 0 ? null : { name: parsed.primaryKeyName, columns: keyColumns },
    foreignKeys: byName(readForeignKeys(catalog.foreignKeys.get(name) ?? [], parsed, catalog)),
    uniqueConstraints: byName(unique),
    checkConstraints: byName(checks),
    indexes: byName(indexes),
    comment: null,
  };
}

async function rows(conn: Connection, sql: string): Promise<Row[]> {
  return [...(await conn.query(sql)).rows];
}

export async function readSqliteStoredObjects(conn: Connection): Promise<StoredObject[]> {
  return (await rows(conn, QUERIES.objects)).map((r) => ({
    type: String(r['type']) as StoredObject['type'],
    name: String(r['name']),
    table: String(r['tbl_name']),
    sql: r['sql'] === null ? null : String(r['sql']),
  }));
}

export async function introspectSqlite(conn: Connection, options: IntrospectOptions = {}): Promise<SchemaSnapshot> {
  const objects = await readSqliteStoredObjects(conn);
  const catalog: Catalog = {
    columns: groupBy(await rows(conn, QUERIES.columns), 'tbl'),
    indexes: groupBy(await rows(conn, QUERIES.indexes), 'tbl'),
    indexColumns: groupBy(await rows(conn, QUERIES.indexColumns), 'idx'),
    foreignKeys: groupBy(await rows(conn, QUERIES.foreignKeys), 'tbl'),
    indexSql: new Map(objects.filter((o) => o.type === 'index').map((o) => [o.name, o.sql])),
  };
  const tables = objects
    .filter((o) => o.type === 'table' && o.sql !== null && !/^CREATE\s+VIRTUAL\s/i.test(o.sql))
    .filter((o) => options.excludeTable?.(null, o.name) !== true)
    .map((o) => readTable(o.name, o.sql!, catalog));
  return { dialect: 'sqlite', tables: byName(tables), enums: [] };
}
