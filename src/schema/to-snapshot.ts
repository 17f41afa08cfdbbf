/**
 * Models to SchemaSnapshot, normalized for one dialect: the same shape, spelled the same
 * way, as that dialect's introspector reads back from the DDL it emits for these tables.
 */
import { AlembicError } from '../errors.js';
import { firstReferencedColumn } from '../dialects/common/expression-identifiers.js';
import { identifierName, significantTokens } from '../dialects/common/sql-tokens.js';
import type { Dialect } from '../dialects/dialect.js';
import type {
  CheckSnapshot,
  ColumnSnapshot,
  ColumnType,
  EnumSnapshot,
  ForeignKeySnapshot,
  IndexElement,
  IndexSnapshot,
  PrimaryKeySnapshot,
  SchemaSnapshot,
  TableSnapshot,
  UniqueSnapshot,
} from '../snapshot/types.js';
import { argumentError } from './arguments.js';
import { TABLE_KEY } from './brands.js';
import type { ColumnDefault, ColumnSpec } from './column.js';
import { constraintName, identifierLength, type ConventionSubject, type NamingConventionKey } from './naming-convention.js';
import { resolveForeignKeys } from './resolve-foreign-keys.js';
import { isSqlFragment, sqlInline } from './sql.js';
import type { Table } from './table.js';
import { columnName, type TableDefinition } from './table-definition.js';
import type { ExtraSpec, IndexSpec, SqlInput } from './table-extras.js';

/** The part of a dialect that normalization needs (pure: no connection). */
export type SnapshotDialect = Pick<Dialect, 'name' | 'capabilities' | 'literal' | 'normalizeType' | 'normalizeDefault' | 'normalizeExpression'>;

const INTEGER_TYPES = new Set(['integer', 'bigInteger', 'smallInteger']);

/** SQL text of a fragment (values inlined as literals) or of plain text. */
export function sqlInputText(input: SqlInput, dialect: SnapshotDialect): string {
  return isSqlFragment(input) ? sqlInline(input, (v) => dialect.literal(v)) : input;
}

export function normalizedDefault(value: ColumnDefault, type: ColumnType, dialect: SnapshotDialect): string {
  return 'sql' in value
    ? dialect.normalizeDefault({ sql: sqlInputText(value.sql, dialect) }, type)
    : dialect.normalizeDefault({ literal: value.literal }, type);
}

/**
 * An index element written as SQL. A lone column name, with ASC or DESC, is a column element,
 * as the database reads it back: that is how a descending column is written (`sql\`name DESC\``),
 * and an expression `(name DESC)` is not even valid SQL.
 */
export function sqlIndexElement(text: string, dialect: SnapshotDialect): IndexElement {
  const [name, direction, ...rest] = significantTokens(text);
  const isName = name !== undefined && (name.kind === 'word' || name.kind === 'quoted');
  const order = direction === undefined ? 'asc' : direction.kind === 'word' ? direction.text.toLowerCase() : '';
  if (isName && rest.length === 0 && (order === 'asc' || order === 'desc')) {
    const column = identifierName(name);
    return order === 'desc' ? { column, descending: true } : { column };
  }
  return { expression: dialect.normalizeExpression(text) };
}

/** One column, with `autoincrement` already decided by the caller (it depends on the table). */
export function columnSnapshot(
  name: string,
  spec: ColumnSpec,
  options: { readonly autoincrement: boolean; readonly nullable: boolean },
  dialect: SnapshotDialect,
): ColumnSnapshot {
  const type = dialect.normalizeType(spec.type);
  return {
    name,
    type,
    nullable: options.nullable,
    default: spec.default === null ? null : normalizedDefault(spec.default, type, dialect),
    autoincrement: options.autoincrement,
    comment: dialect.capabilities.comments ? spec.comment : null,
    collation: spec.collation,
  };
}

class Namer {
  constructor(
    private readonly def: TableDefinition,
    private readonly maxLength: number | null,
  ) {}

  /**
   * A name the user wrote must fit the dialect's limit: the database would cut it silently
   * (PostgreSQL keeps 63 bytes), and every later compare would then see a difference.
   */
  checkLength(name: string, what: string): void {
    if (this.maxLength === null || identifierLength(name) <= this.maxLength) return;
    const owner = what === 'table name' ? '' : `table "${this.def.name}": `;
    throw new AlembicError(
      'E_MODEL',
      `${owner}the ${what} "${name}" is ${identifierLength(name)} bytes long, over the ${this.maxLength}-byte limit for names`,
      { hint: `shorten it to ${this.maxLength} bytes or fewer (the database would cut it, and autogenerate would then always see a difference)` },
    );
  }

  name(kind: NamingConventionKey, subject: Omit<ConventionSubject, 'table' | 'schema'>): string | null {
    if (subject.constraintName !== null) this.checkLength(subject.constraintName, 'name');
    return constraintName(this.def.namingConvention[kind], { ...subject, table: this.def.name, schema: this.def.schema }, this.maxLength);
  }

  /** Indexes always have a name: the `ix` convention is never null. */
  indexName(columns: readonly string[], given: string | null): string {
    return this.name('ix', { columns, constraintName: given }) ?? given ?? columns.join('_');
  }
}

function primaryKeyName(extras: readonly ExtraSpec[]): string | null {
  const declared = extras.find((e) => e.kind === 'primaryKey');
  return declared?.kind === 'primaryKey' ? declared.name : null;
}

function primaryKeyColumns(def: TableDefinition, extras: readonly ExtraSpec[], where: string): string[] {
  const flagged = def.columns.filter((c) => c.spec.primaryKey).map((c) => c.name);
  const declared = extras.filter((e) => e.kind === 'primaryKey');
  if (declared.length > 1) throw argumentError(where, 'more than one primaryKey()');
  const first = declared[0];
  if (first === undefined) return flagged;
  const columns = first.columns.map((c) => columnName(def, c, `${where} primaryKey()`));
  if (flagged.length > 0 && flagged.some((c) => !columns.includes(c))) {
    throw argumentError(where, `columns marked .primaryKey() (${flagged.join(', ')}) differ from primaryKey(${columns.join(', ')})`);
  }
  return columns;
}

function indexSnapshot(spec: IndexSpec, def: TableDefinition, namer: Namer, dialect: SnapshotDialect, where: string): IndexSnapshot {
  const label = spec.name === null ? 'index()' : `index('${spec.name}')`;
  if (spec.elements.length === 0) throw argumentError(where, `${label} has no columns: use ${label}.on(...)`);
  const elements: IndexElement[] = spec.elements.map((e) =>
    isSqlFragment(e) ? sqlIndexElement(sqlInputText(e, dialect), dialect) : { column: columnName(def, e, `${where} ${label}`) },
  );
  // The naming convention sees an expression as the first column it mentions, as in SQLAlchemy.
  const tableColumns = def.columns.map((c) => c.name);
  const columns = spec.elements.flatMap((e, i) => {
    const element = elements[i]!;
    if ('column' in element) return [element.column];
    const mentioned = isSqlFragment(e) ? firstReferencedColumn(sqlInputText(e, dialect), tableColumns) : null;
    return mentioned === null ? [] : [mentioned];
  });
  return {
    name: namer.indexName(columns, spec.name),
    elements,
    unique: spec.unique,
    where: spec.where === null ? null : dialect.normalizeExpression(sqlInputText(spec.where, dialect)),
  };
}

const byName = <T extends { readonly name: string | null }>(items: T[]): T[] =>
  items.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0));

export function tableSnapshot(table: Table, dialect: SnapshotDialect): TableSnapshot {
  const def = table[TABLE_KEY];
  const where = `table('${def.name}')`;
  const extras = def.extras();
  const namer = new Namer(def, dialect.capabilities.maxIdentifierLength);
  namer.checkLength(def.name, 'table name');
  if (def.schema !== null) namer.checkLength(def.schema, 'schema name');
  for (const c of def.columns) namer.checkLength(c.name, 'column name');

  const pkColumns = primaryKeyColumns(def, extras, where);
  const primaryKey: PrimaryKeySnapshot | null =
    pkColumns.length === 0 ? null : { name: namer.name('pk', { columns: pkColumns, constraintName: primaryKeyName(extras) }), columns: pkColumns };

  const foreignKeys: ForeignKeySnapshot[] = resolveForeignKeys(def, extras, where).map((fk) => ({
    ...fk,
    name: namer.name('fk', {
      columns: fk.columns,
      referredSchema: fk.referredSchema,
      referredTable: fk.referredTable,
      referredColumns: fk.referredColumns,
      constraintName: fk.name,
    }),
  }));
  const inForeignKey = new Set(foreignKeys.flatMap((fk) => fk.columns));

  const columns = def.columns.map((c) => {
    const inPk = pkColumns.includes(c.name);
    const auto =
      c.spec.autoincrement ??
      (pkColumns.length === 1 && INTEGER_TYPES.has(c.spec.type.name) && !inForeignKey.has(c.name) && c.spec.default === null);
    const column = columnSnapshot(c.name, c.spec, { autoincrement: inPk && auto, nullable: !(inPk || c.spec.notNull) }, dialect);
    // Where the table's shape decides (SQLite: a lone INTEGER key is the rowid whatever the
    // model says, a BIGINT one never is), the snapshot says what the database will report.
    if (dialect.capabilities.autoincrement !== 'integerKey') return column;
    const rowid = pkColumns.length === 1 && inPk && column.type.name === 'integer';
    return rowid === column.autoincrement ? column : { ...column, autoincrement: rowid };
  });

  const uniqueConstraints: UniqueSnapshot[] = [];
  const indexes: IndexSnapshot[] = [];
  for (const c of def.columns) {
    // As in SQLAlchemy: `.unique().index()` is one unique index, not an index and a constraint.
    if (c.spec.index !== null) {
      indexes.push({
        name: namer.indexName([c.name], c.spec.index.name),
        elements: [{ column: c.name }],
        unique: c.spec.unique !== null,
        where: null,
      });
    } else if (c.spec.unique !== null) {
      uniqueConstraints.push({ name: namer.name('uq', { columns: [c.name], constraintName: c.spec.unique.name }), columns: [c.name] });
    }
  }
  const checkConstraints: CheckSnapshot[] = [];
  for (const extra of extras) {
    if (extra.kind === 'index') indexes.push(indexSnapshot(extra, def, namer, dialect, where));
    if (extra.kind === 'unique') {
      if (extra.columns.length === 0) throw argumentError(where, 'unique() has no columns: use unique().on(...)');
      const cols = extra.columns.map((c) => columnName(def, c, `${where} unique()`));
      uniqueConstraints.push({ name: namer.name('uq', { columns: cols, constraintName: extra.name }), columns: cols });
    }
    if (extra.kind === 'check') {
      checkConstraints.push({
        name: namer.name('ck', { columns: [], constraintName: extra.name }),
        sql: dialect.normalizeExpression(sqlInputText(extra.sql, dialect)),
      });
    }
  }

  return {
    schema: def.schema,
    name: def.name,
    columns,
    primaryKey,
    foreignKeys: byName(foreignKeys),
    uniqueConstraints: byName(uniqueConstraints),
    checkConstraints: byName(checkConstraints),
    indexes: byName(indexes),
    comment: dialect.capabilities.comments ? def.comment : null,
  };
}

const tableKey = (t: { readonly schema: string | null; readonly name: string }): string => `${t.schema ?? ''}\u0000${t.name}`;
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** The order of tableKey (schema, then name), without building the keys for every comparison. */
const compareKeys = <T extends { readonly schema: string | null; readonly name: string }>(a: T, b: T): number =>
  compareText(a.schema ?? '', b.schema ?? '') || compareText(a.name, b.name);

function collectEnums(tables: readonly Table[]): EnumSnapshot[] {
  const found = new Map<string, EnumSnapshot & { readonly where: string }>();
  for (const table of tables) {
    const def = table[TABLE_KEY];
    for (const c of def.columns) {
      let type: ColumnType = c.spec.type;
      while (type.name === 'array') type = type.of;
      if (type.name !== 'enum') continue;
      // As SQLAlchemy's Enum, which does not inherit its table's schema: the type lives in the
      // default schema whatever schema its tables are in.
      const key = tableKey({ schema: null, name: type.enumName });
      const where = `${def.name}.${c.name}`;
      const seen = found.get(key);
      if (seen !== undefined && seen.values.join('\u0000') !== type.values.join('\u0000')) {
        throw new AlembicError('E_MODEL', `enum "${type.enumName}" has different values in ${seen.where} and ${where}`, {
          hint: 'define the enum once (const mood = enumType([...], { name })) and reuse it',
        });
      }
      if (seen === undefined) found.set(key, { schema: null, name: type.enumName, values: type.values, where });
    }
  }
  return [...found.values()].map(({ schema, name, values }) => ({ schema, name, values })).sort(compareKeys);
}

export function schemaSnapshot(tables: readonly Table[], dialect: SnapshotDialect): SchemaSnapshot {
  const snapshots = tables.map((t) => tableSnapshot(t, dialect)).sort(compareKeys);
  for (let i = 1; i < snapshots.length; i++) {
    const [a, b] = [snapshots[i - 1]!, snapshots[i]!];
    if (compareKeys(a, b) === 0) {
      throw new AlembicError('E_DUPLICATE_TABLE', `table "${a.schema === null ? '' : `${a.schema}.`}${a.name}" is defined twice`);
    }
  }
  return {
    dialect: dialect.name,
    tables: snapshots,
    enums: dialect.capabilities.namedEnums ? collectEnums(tables) : [],
  };
}
