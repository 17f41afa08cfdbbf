/**
 * `table(name, columns, extras?, options?)`. The returned object exposes each column as a
 * property (`users.id`, for `.references(() => users.id)`) and keeps its definition under a
 * registered symbol, so column names can never clash with the table's own fields.
 */
import { argumentError, checkOptions, optionalName, requireName } from './arguments.js';
import { COLUMN_KEY, COLUMN_REF_KEY, EXTRA_KEY, TABLE_KEY, hasBrand } from './brands.js';
import { isColumnBuilder, type ColumnBuilder, type ColumnRef } from './column.js';
import { DEFAULT_NAMING_CONVENTION, type NamingConvention } from './naming-convention.js';
import type { TableDefinition } from './table-definition.js';
import { isTableExtra, type ExtraSpec, type TableExtra } from './table-extras.js';

export type TableColumns = Readonly<Record<string, ColumnBuilder>>;

export type Table<C extends TableColumns = TableColumns> = { readonly [K in keyof C]: ColumnRef } & {
  readonly [TABLE_KEY]: TableDefinition;
};

export type TableExtras<C extends TableColumns> =
  | readonly TableExtra[]
  | ((t: Table<C>) => readonly TableExtra[]);

export interface TableOptions {
  readonly schema?: string;
  readonly comment?: string;
}

export interface TableContext {
  readonly namingConvention: NamingConvention;
  readonly schema: string | null;
}

const DEFAULT_CONTEXT: TableContext = { namingConvention: DEFAULT_NAMING_CONVENTION, schema: null };

function isOptionsObject(value: unknown): value is TableOptions {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isTableExtra(value);
}

function evaluateExtras(
  extras: TableExtras<TableColumns> | undefined,
  tableObject: Table,
  where: string,
): readonly ExtraSpec[] {
  if (extras === undefined) return [];
  const list: unknown = typeof extras === 'function' ? extras(tableObject) : extras;
  if (!Array.isArray(list)) throw argumentError(where, 'extras must be an array, or a function (t) => [...] returning one');
  return list.map((item: unknown) => {
    if (!isTableExtra(item)) {
      throw argumentError(where, 'an extra must be index(), unique(), check(), primaryKey() or foreignKey()');
    }
    return item[EXTRA_KEY];
  });
}

/** Builds a table in a context (the default one, or a MetaData's). */
export function defineTable<C extends TableColumns>(
  name: string,
  columns: C,
  extrasOrOptions: TableExtras<C> | TableOptions | undefined,
  maybeOptions: TableOptions | undefined,
  context: TableContext,
): Table<C> {
  const tableName = requireName(name, 'table()', 'the table name');
  const where = `table('${tableName}')`;
  const [extras, options] = isOptionsObject(extrasOrOptions)
    ? [undefined, extrasOrOptions]
    : [extrasOrOptions, maybeOptions ?? {}];
  checkOptions(options, ['schema', 'comment'], where);
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) {
    throw argumentError(where, 'columns must be an object { name: type() }');
  }
  if (options.comment !== undefined && typeof options.comment !== 'string') {
    throw argumentError(where, 'comment must be a string');
  }
  const columnList = Object.entries(columns).map(([columnName, builder]) => {
    if (!isColumnBuilder(builder)) {
      throw argumentError(where, `column "${columnName}" must be a column type such as integer() or string(50)`);
    }
    return { name: columnName, spec: builder[COLUMN_KEY] };
  });

  let cached: readonly ExtraSpec[] | undefined;
  const definition: TableDefinition = Object.freeze({
    name: tableName,
    schema: optionalName(options.schema, where, 'schema') ?? context.schema,
    comment: options.comment ?? null,
    columns: columnList,
    extras: () => (cached ??= evaluateExtras(extras as TableExtras<TableColumns> | undefined, tableObject as unknown as Table, where)),
    namingConvention: context.namingConvention,
    metadataSchema: context.schema,
  });

  const tableObject = Object.create(null) as Record<string | symbol, unknown>;
  for (const column of columnList) {
    const ref: ColumnRef = Object.freeze({ [COLUMN_REF_KEY]: { table: definition, name: column.name } });
    Object.defineProperty(tableObject, column.name, { value: ref, enumerable: true });
  }
  Object.defineProperty(tableObject, TABLE_KEY, { value: definition, enumerable: false });
  Object.freeze(tableObject);
  return tableObject as unknown as Table<C>;
}

/**
 * A table, with the default naming convention (`pk_`, `fk_`, `uq_`, `ix_`, `ck_`) so that
 * every constraint and index has a name. The third argument may be the options when there
 * are no extras.
 */
export function table<C extends TableColumns>(
  name: string,
  columns: C,
  extras?: TableExtras<C> | TableOptions,
  options?: TableOptions,
): Table<C> {
  return defineTable(name, columns, extras, options, DEFAULT_CONTEXT);
}

export function isTable(value: unknown): value is Table {
  return hasBrand(value, TABLE_KEY);
}

export function tableDefinition(value: Table): TableDefinition {
  return value[TABLE_KEY];
}
