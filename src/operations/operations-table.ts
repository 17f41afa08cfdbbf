/**
 * The methods that change one existing table, shared by the `op` object (`op.addColumn(table,
 * ...)`) and by `batchAlterTable`'s builder (`b.addColumn(...)`): each appends TableOps to a
 * sink. Columns and expressions are normalized for the dialect exactly as models are, so an
 * op written by hand and one made by autogenerate compile the same.
 */
import type { ColumnSnapshot, ColumnType, IndexElement, ReferentialAction } from '../snapshot/types.js';
import { argumentError, checkOptions, optionalName, requireName } from '../schema/arguments.js';
import { COLUMN_KEY } from '../schema/brands.js';
import {
  isColumnBuilder,
  referentialAction,
  type ColumnBuilder,
  type ColumnDefault,
  type DefaultValue,
  type ReferentialActionInput,
} from '../schema/column.js';
import { isSqlFragment, type SqlFragment } from '../schema/sql.js';
import { defineTable } from '../schema/table.js';
import type { SqlInput } from '../schema/table-extras.js';
import { normalizedDefault, sqlIndexElement, sqlInputText, tableSnapshot, type SnapshotDialect } from '../schema/to-snapshot.js';
import { DEFAULT_NAMING_CONVENTION } from '../schema/naming-convention.js';
import type { ConstraintType, TableOp } from './ops.js';

export interface ExistingColumn {
  readonly type?: ColumnBuilder;
  readonly nullable?: boolean;
  readonly default?: DefaultValue;
  readonly comment?: string | null;
  readonly autoincrement?: boolean;
}

export interface AlterColumnOptions {
  /** The new type, as a column type: `string(300)`. */
  readonly type?: ColumnBuilder;
  readonly nullable?: boolean;
  /** The new server default: a value, an `sql` fragment, or `null` to drop it. */
  readonly default?: DefaultValue;
  readonly newName?: string;
  readonly comment?: string | null;
  readonly autoincrement?: boolean;
  /** PostgreSQL `USING` expression for a type change. */
  readonly using?: SqlInput;
  /** The column as it is now; attributes left out are taken to be unchanged. Needed to reverse the change. */
  readonly existing?: ExistingColumn;
}

export interface CreateIndexOptions {
  readonly unique?: boolean;
  /** A partial index. */
  readonly where?: SqlInput;
  /** PostgreSQL `CREATE INDEX CONCURRENTLY` (runs outside the transaction). */
  readonly concurrently?: boolean;
}

export interface ForeignKeyActions {
  readonly onDelete?: ReferentialActionInput;
  readonly onUpdate?: ReferentialActionInput;
  /** Schema of the referred table. */
  readonly referentSchema?: string;
}

/** Index columns: a column name, an `sql` expression, or a list of them. */
export type IndexColumns = string | SqlFragment | readonly (string | SqlFragment)[];

/** What `batchAlterTable`'s callback receives: the table methods without the table argument. */
export interface BatchOperations {
  addColumn(name: string, column: ColumnBuilder): void;
  dropColumn(name: string): void;
  renameColumn(oldName: string, newName: string): void;
  alterColumn(name: string, options: AlterColumnOptions): void;
  createIndex(name: string, columns: IndexColumns, options?: CreateIndexOptions): void;
  dropIndex(name: string, options?: { readonly concurrently?: boolean }): void;
  createUniqueConstraint(name: string | null, columns: readonly string[]): void;
  createForeignKey(
    name: string | null,
    referent: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options?: ForeignKeyActions,
  ): void;
  createCheckConstraint(name: string | null, condition: SqlInput): void;
  createPrimaryKey(name: string | null, columns: readonly string[]): void;
  dropConstraint(name: string, options?: { readonly type?: ConstraintType }): void;
  setTableComment(comment: string | null, options?: { readonly existing?: string | null }): void;
}

const CONSTRAINT_TYPES: readonly ConstraintType[] = ['primary', 'foreignkey', 'unique', 'check'];
/** Stands in for a type the caller did not give and no change needs. */
const UNKNOWN_TYPE: ColumnType = { name: 'custom', sql: '' };

function columnList(value: unknown, where: string, what = 'columns'): string[] {
  if (!Array.isArray(value) || value.length === 0) throw argumentError(where, `${what} must be a non-empty array of column names`);
  return value.map((c: unknown) => requireName(c, where, `each of ${what}`));
}

function builder(value: unknown, where: string, what: string): ColumnBuilder {
  if (!isColumnBuilder(value)) throw argumentError(where, `${what} must be a column type such as integer() or string(50)`);
  return value;
}

function flag(value: unknown, where: string, what: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw argumentError(where, `${what} must be true or false`);
  return value;
}

function toDefault(value: DefaultValue): ColumnDefault | null {
  if (value === null) return null;
  return isSqlFragment(value) ? { sql: value } : { literal: value };
}

export function tableMethods(
  dialect: SnapshotDialect,
  target: { readonly schema: string | null; readonly table: string },
  sink: (op: TableOp) => void,
  prefix: string,
): BatchOperations {
  const at = { schema: target.schema, table: target.table };
  const where = (method: string): string => `${prefix}.${method}()`;
  const normalizeType = (b: ColumnBuilder): ColumnType => dialect.normalizeType(b[COLUMN_KEY].type);
  const defaultText = (value: DefaultValue, type: ColumnType): string | null => {
    const d = toDefault(value);
    return d === null ? null : normalizedDefault(d, type, dialect);
  };
  const fkAction = (value: unknown, method: string, what: string): ReferentialAction | null =>
    referentialAction(value, `${where(method)} ${what}`);

  const methods: BatchOperations = {
    addColumn(name, column) {
      const w = where('addColumn');
      const columnName = requireName(name, w, 'the column name');
      builder(column, w, 'the column');
      // A one-column table gives the column, and its FK, UNIQUE and index with conventional names.
      const snapshot = tableSnapshot(
        defineTable(target.table, { [columnName]: column }, undefined, target.schema === null ? {} : { schema: target.schema }, {
          namingConvention: DEFAULT_NAMING_CONVENTION,
          schema: null,
        }),
        dialect,
      );
      const only = snapshot.columns[0] as ColumnSnapshot;
      // The one-column table has no key, so its rule turns autoincrement off; an explicit
      // `.autoincrement()` stands (the key comes next, from createPrimaryKey) where the model decides it.
      const declared = column[COLUMN_KEY].autoincrement === true && dialect.capabilities.autoincrement !== 'integerKey';
      const added = declared ? { ...only, autoincrement: true } : only;
      sink({ kind: 'addColumn', ...at, column: added });
      for (const constraint of snapshot.foreignKeys) sink({ kind: 'createForeignKey', ...at, constraint });
      for (const constraint of snapshot.uniqueConstraints) sink({ kind: 'createUniqueConstraint', ...at, constraint });
      for (const index of snapshot.indexes) sink({ kind: 'createIndex', ...at, index, concurrently: false });
    },
    dropColumn(name) {
      sink({ kind: 'dropColumn', ...at, column: requireName(name, where('dropColumn'), 'the column name'), existing: null });
    },
    renameColumn(oldName, newName) {
      const w = where('renameColumn');
      sink({ kind: 'renameColumn', ...at, column: requireName(oldName, w, 'the old name'), newName: requireName(newName, w, 'the new name') });
    },
    alterColumn(name, options) {
      const w = where('alterColumn');
      const column = requireName(name, w, 'the column name');
      checkOptions(options, ['type', 'nullable', 'default', 'newName', 'comment', 'autoincrement', 'using', 'existing'], w);
      const o = options ?? {};
      checkOptions(o.existing, ['type', 'nullable', 'default', 'comment', 'autoincrement'], `${w} existing`);
      const type = o.type === undefined ? undefined : normalizeType(builder(o.type, w, 'type'));
      const existingType = o.existing?.type === undefined ? undefined : normalizeType(builder(o.existing.type, w, 'existing.type'));
      const typeForDefault = type ?? existingType ?? { name: 'text' };
      const changes = {
        ...(type === undefined ? {} : { type }),
        ...(o.nullable === undefined ? {} : { nullable: flag(o.nullable, w, 'nullable') }),
        ...(o.default === undefined ? {} : { default: defaultText(o.default, typeForDefault) }),
        ...(o.comment === undefined ? {} : { comment: o.comment === null ? null : requireName(o.comment, w, 'comment') }),
        ...(o.autoincrement === undefined ? {} : { autoincrement: flag(o.autoincrement, w, 'autoincrement') }),
        ...(o.newName === undefined ? {} : { newName: requireName(o.newName, w, 'newName') }),
      };
      if (Object.keys(changes).length === 0) throw argumentError(w, 'nothing to change: give type, nullable, default, newName, comment or autoincrement');
      const e = o.existing;
      const existing: ColumnSnapshot | null =
        e === undefined
          ? null
          : {
              name: column,
              type: existingType ?? changes.type ?? UNKNOWN_TYPE,
              nullable: e.nullable === undefined ? (changes.nullable ?? true) : flag(e.nullable, w, 'existing.nullable'),
              default: e.default === undefined ? (changes.default ?? null) : defaultText(e.default, existingType ?? typeForDefault),
              autoincrement: e.autoincrement ?? changes.autoincrement ?? false,
              comment: e.comment === undefined ? (changes.comment ?? null) : e.comment,
              collation: null,
            };
      const using = o.using === undefined ? null : sqlInputText(o.using, dialect);
      sink({ kind: 'alterColumn', ...at, column, changes, using, existing });
    },
    createIndex(name, columns, options) {
      const w = where('createIndex');
      checkOptions(options, ['unique', 'where', 'concurrently'], w);
      const list: unknown[] = Array.isArray(columns) ? columns : [columns];
      if (list.length === 0) throw argumentError(w, 'needs at least one column or expression');
      const elements = list.map((c): IndexElement =>
        isSqlFragment(c) ? sqlIndexElement(sqlInputText(c, dialect), dialect) : { column: requireName(c, w, 'each column') },
      );
      const o = options ?? {};
      const condition = o.where === undefined ? null : dialect.normalizeExpression(sqlInputText(o.where, dialect));
      sink({
        kind: 'createIndex',
        ...at,
        index: { name: requireName(name, w, 'the index name'), elements, unique: flag(o.unique, w, 'unique'), where: condition },
        concurrently: flag(o.concurrently, w, 'concurrently'),
      });
    },
    dropIndex(name, options) {
      const w = where('dropIndex');
      checkOptions(options, ['concurrently'], w);
      sink({ kind: 'dropIndex', ...at, name: requireName(name, w, 'the index name'), existing: null, concurrently: flag(options?.concurrently, w, 'concurrently') });
    },
    createUniqueConstraint(name, columns) {
      const w = where('createUniqueConstraint');
      sink({ kind: 'createUniqueConstraint', ...at, constraint: { name: optionalName(name, w), columns: columnList(columns, w) } });
    },
    createForeignKey(name, referent, localColumns, remoteColumns, options) {
      const w = where('createForeignKey');
      checkOptions(options, ['onDelete', 'onUpdate', 'referentSchema'], w);
      const columns = columnList(localColumns, w, 'localColumns');
      const referredColumns = columnList(remoteColumns, w, 'remoteColumns');
      if (columns.length !== referredColumns.length) throw argumentError(w, `${columns.length} local columns but ${referredColumns.length} remote columns`);
      sink({
        kind: 'createForeignKey',
        ...at,
        constraint: {
          name: optionalName(name, w),
          columns,
          referredSchema: optionalName(options?.referentSchema, w, 'referentSchema'),
          referredTable: requireName(referent, w, 'the referent table'),
          referredColumns,
          onDelete: fkAction(options?.onDelete, 'createForeignKey', 'onDelete'),
          onUpdate: fkAction(options?.onUpdate, 'createForeignKey', 'onUpdate'),
        },
      });
    },
    createCheckConstraint(name, condition) {
      const w = where('createCheckConstraint');
      if (!isSqlFragment(condition)) requireName(condition, w, 'the condition');
      sink({
        kind: 'createCheckConstraint',
        ...at,
        constraint: { name: optionalName(name, w), sql: dialect.normalizeExpression(sqlInputText(condition, dialect)) },
      });
    },
    createPrimaryKey(name, columns) {
      const w = where('createPrimaryKey');
      sink({ kind: 'createPrimaryKey', ...at, constraint: { name: optionalName(name, w), columns: columnList(columns, w) } });
    },
    dropConstraint(name, options) {
      const w = where('dropConstraint');
      checkOptions(options, ['type'], w);
      const type = options?.type ?? null;
      if (type !== null && !CONSTRAINT_TYPES.includes(type)) {
        throw argumentError(w, `unknown constraint type ${JSON.stringify(type)}`, `use one of ${CONSTRAINT_TYPES.join(', ')}`);
      }
      sink({ kind: 'dropConstraint', ...at, name: requireName(name, w, 'the constraint name'), type, existing: null });
    },
    setTableComment(comment, options) {
      const w = where('setTableComment');
      checkOptions(options, ['existing'], w);
      if (comment !== null && typeof comment !== 'string') throw argumentError(w, 'the comment must be a string or null');
      sink({ kind: 'setTableComment', ...at, comment, existing: options?.existing ?? null });
    },
  };
  return methods;
}
