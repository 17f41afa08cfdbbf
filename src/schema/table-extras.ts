/**
 * Table extras, the third argument of `table()`: indexes and table-level constraints.
 * Like column builders they are immutable; `index('ix').on(a).unique()` reads in any order.
 */
import type { ReferentialAction } from '../snapshot/types.js';
import { argumentError, checkOptions, optionalName, requireName } from './arguments.js';
import { EXTRA_KEY, hasBrand } from './brands.js';
import { isColumnRef, referentialAction, type ColumnRef, type ReferentialActionInput } from './column.js';
import { isSqlFragment, type SqlFragment } from './sql.js';

/** A column of the table being defined (`t.user_id`), or its name. */
export type ColumnInput = ColumnRef | string;
/** An index element: a column, or an expression (`sql\`lower(email)\``). */
export type IndexElementInput = ColumnInput | SqlFragment;
/** Raw SQL for a CHECK or a WHERE: an `sql` fragment, or plain text. */
export type SqlInput = SqlFragment | string;

export interface IndexSpec {
  readonly kind: 'index';
  /** null: named by the `ix` naming convention. */
  readonly name: string | null;
  readonly elements: readonly IndexElementInput[];
  readonly unique: boolean;
  readonly where: SqlInput | null;
}

export interface UniqueSpec {
  readonly kind: 'unique';
  readonly name: string | null;
  readonly columns: readonly ColumnInput[];
}

export interface CheckSpec {
  readonly kind: 'check';
  readonly name: string;
  readonly sql: SqlInput;
}

export interface PrimaryKeySpec {
  readonly kind: 'primaryKey';
  readonly columns: readonly ColumnInput[];
  /** An explicit name; the `pk` convention names it otherwise. */
  readonly name: string | null;
}

/** Referred columns: `[users.id]`, `() => [users.id]` (defined later), or `['users.id']`. */
export type ForeignColumnsInput = readonly ColumnRef[] | (() => readonly ColumnRef[]) | readonly string[];

export interface ForeignKeySpec {
  readonly kind: 'foreignKey';
  readonly name: string | null;
  readonly columns: readonly ColumnInput[];
  readonly foreignColumns: ForeignColumnsInput;
  readonly onDelete: ReferentialAction | null;
  readonly onUpdate: ReferentialAction | null;
}

export type ExtraSpec = IndexSpec | UniqueSpec | CheckSpec | PrimaryKeySpec | ForeignKeySpec;

export interface TableExtra {
  readonly [EXTRA_KEY]: ExtraSpec;
}

function columnInputs(values: readonly unknown[], where: string): ColumnInput[] {
  return values.map((value) => {
    if (isColumnRef(value) || (typeof value === 'string' && value !== '')) return value;
    throw argumentError(where, `expected a column (t.name) or a column name, got ${JSON.stringify(value)}`);
  });
}

function sqlInput(value: unknown, where: string): SqlInput {
  if (isSqlFragment(value) || (typeof value === 'string' && value !== '')) return value;
  throw argumentError(where, 'expected an sql`...` fragment or SQL text');
}

function extra<S extends ExtraSpec>(spec: S): TableExtra {
  return Object.freeze({ [EXTRA_KEY]: spec });
}

const label = (spec: IndexSpec): string => (spec.name === null ? 'index()' : `index('${spec.name}')`);

export class IndexBuilder implements TableExtra {
  readonly [EXTRA_KEY]: IndexSpec;

  constructor(spec: IndexSpec) {
    this[EXTRA_KEY] = spec;
    Object.freeze(this);
  }

  on(...elements: IndexElementInput[]): IndexBuilder {
    const checked = elements.map((e) => (isSqlFragment(e) ? e : columnInputs([e], `${label(this[EXTRA_KEY])}.on()`)[0]!));
    return new IndexBuilder({ ...this[EXTRA_KEY], elements: checked });
  }

  unique(): IndexBuilder {
    return new IndexBuilder({ ...this[EXTRA_KEY], unique: true });
  }

  /** A partial index. */
  where(condition: SqlInput): IndexBuilder {
    return new IndexBuilder({ ...this[EXTRA_KEY], where: sqlInput(condition, `${label(this[EXTRA_KEY])}.where()`) });
  }
}

/** An index; without a name, the `ix` naming convention names it. */
export function index(name?: string): IndexBuilder {
  return new IndexBuilder({ kind: 'index', name: optionalName(name, 'index()'), elements: [], unique: false, where: null });
}

export class UniqueBuilder implements TableExtra {
  readonly [EXTRA_KEY]: UniqueSpec;

  constructor(spec: UniqueSpec) {
    this[EXTRA_KEY] = spec;
    Object.freeze(this);
  }

  on(...columns: ColumnInput[]): UniqueBuilder {
    return new UniqueBuilder({ ...this[EXTRA_KEY], columns: columnInputs(columns, 'unique().on()') });
  }
}

/** A UNIQUE constraint, named by the `uq` naming convention unless `name` is given. */
export function unique(name?: string): UniqueBuilder {
  return new UniqueBuilder({ kind: 'unique', name: optionalName(name, 'unique()'), columns: [] });
}

/** A CHECK constraint; its name goes through the `ck` naming convention's `%(constraint_name)s`. */
export function check(name: string, condition: SqlInput): TableExtra {
  return extra({ kind: 'check', name: requireName(name, 'check()'), sql: sqlInput(condition, 'check()') });
}

/**
 * A (composite) primary key, named by the `pk` naming convention:
 * `primaryKey(t.a, t.b)`, or `primaryKey({ name, columns })` for a name of your own.
 */
export function primaryKey(...columns: ColumnInput[]): TableExtra;
export function primaryKey(options: { readonly name: string; readonly columns: readonly ColumnInput[] }): TableExtra;
export function primaryKey(...args: unknown[]): TableExtra {
  const [first] = args;
  const named = args.length === 1 && typeof first === 'object' && first !== null && 'columns' in first;
  const options = named ? (first as { name?: unknown; columns: ColumnInput[] }) : { name: null, columns: args as ColumnInput[] };
  if (options.columns.length === 0) throw argumentError('primaryKey()', 'needs at least one column');
  const name = options.name === null || options.name === undefined ? null : requireName(String(options.name), 'primaryKey()');
  return extra({ kind: 'primaryKey', columns: columnInputs(options.columns, 'primaryKey()'), name });
}

export interface ForeignKeyOptions {
  readonly columns: readonly ColumnInput[];
  readonly foreignColumns: ForeignColumnsInput;
  readonly onDelete?: ReferentialActionInput;
  readonly onUpdate?: ReferentialActionInput;
  readonly name?: string;
}

export function foreignKey(options: ForeignKeyOptions): TableExtra {
  checkOptions(options, ['columns', 'foreignColumns', 'onDelete', 'onUpdate', 'name'], 'foreignKey()');
  if (!Array.isArray(options?.columns) || options.columns.length === 0) {
    throw argumentError('foreignKey()', 'columns must be a non-empty array');
  }
  const foreign = options.foreignColumns;
  if (typeof foreign !== 'function' && !Array.isArray(foreign)) {
    throw argumentError('foreignKey()', "foreignColumns must be an array ([users.id] or ['users.id']) or a function returning one");
  }
  return extra({
    kind: 'foreignKey',
    name: optionalName(options.name, 'foreignKey()'),
    columns: columnInputs(options.columns, 'foreignKey() columns'),
    foreignColumns: foreign,
    onDelete: referentialAction(options.onDelete, 'foreignKey() onDelete'),
    onUpdate: referentialAction(options.onUpdate, 'foreignKey() onUpdate'),
  });
}

export function isTableExtra(value: unknown): value is TableExtra {
  return hasBrand(value, EXTRA_KEY);
}
