/**
 * Column builders: what `integer()`, `string(200)` ... return. Builders are immutable, each
 * modifier returns a new one, so `const id = integer()` can be shared by several tables.
 */
import { argumentError, checkOptions, optionalName } from './arguments.js';
import type { ColumnType, ReferentialAction } from '../snapshot/types.js';
import { COLUMN_KEY, COLUMN_REF_KEY, hasBrand } from './brands.js';
import { isSqlFragment, type SqlFragment } from './sql.js';
import type { TableDefinition } from './table-definition.js';

/** A table's column as seen from outside (`users.id`): what references and extras point at. */
export interface ColumnRef {
  readonly [COLUMN_REF_KEY]: { readonly table: TableDefinition; readonly name: string };
}

export type ReferentialActionInput =
  | ReferentialAction
  | 'cascade'
  | 'set null'
  | 'set default'
  | 'restrict'
  | 'no action';

export interface ReferenceOptions {
  readonly onDelete?: ReferentialActionInput;
  readonly onUpdate?: ReferentialActionInput;
  readonly name?: string;
}

/** `() => users.id`, or `'users.id'` / `'schema.users.id'` (for self-references and cycles). */
export type ReferenceTarget = (() => ColumnRef) | string;

export interface ColumnReference {
  readonly target: ReferenceTarget;
  readonly onDelete: ReferentialAction | null;
  readonly onUpdate: ReferentialAction | null;
  readonly name: string | null;
}

export type DefaultValue = string | number | bigint | boolean | Date | SqlFragment | null;

export type ColumnDefault = { readonly literal: unknown } | { readonly sql: SqlFragment };

export interface ColumnSpec {
  readonly type: ColumnType;
  readonly primaryKey: boolean;
  readonly notNull: boolean;
  readonly unique: { readonly name: string | null } | null;
  readonly index: { readonly name: string | null } | null;
  readonly default: ColumnDefault | null;
  readonly references: readonly ColumnReference[];
  /** null: SQLAlchemy's "auto" rule decides. */
  readonly autoincrement: boolean | null;
  readonly comment: string | null;
  readonly collation: string | null;
}

const REFERENCE_FORMAT = /^[^.]+(\.[^.]+){1,2}$/;

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  'cascade': 'CASCADE',
  'set null': 'SET NULL',
  'set default': 'SET DEFAULT',
  'restrict': 'RESTRICT',
  'no action': 'NO ACTION',
};

/** `'cascade'` -> `'CASCADE'`; `NO ACTION` is the default, so it becomes null. */
export function referentialAction(value: unknown, where: string): ReferentialAction | null {
  if (value === undefined || value === null) return null;
  const action = typeof value === 'string' ? ACTIONS[value.toLowerCase()] : undefined;
  if (action === undefined) {
    throw argumentError(
      where,
      `unknown referential action ${JSON.stringify(value)}`,
      `use one of ${Object.keys(ACTIONS).map((a) => `'${a}'`).join(', ')}`,
    );
  }
  return action === 'NO ACTION' ? null : action;
}

function derive(builder: ColumnBuilder, changes: Partial<ColumnSpec>): ColumnBuilder {
  return new ColumnBuilder({ ...builder[COLUMN_KEY], ...changes });
}

export class ColumnBuilder {
  readonly [COLUMN_KEY]: ColumnSpec;

  constructor(spec: ColumnSpec) {
    this[COLUMN_KEY] = spec;
    Object.freeze(this);
  }

  primaryKey(): ColumnBuilder {
    return derive(this, { primaryKey: true });
  }

  notNull(): ColumnBuilder {
    return derive(this, { notNull: true });
  }

  /** A UNIQUE constraint, named by the `uq` naming convention unless `name` is given. */
  unique(name?: string): ColumnBuilder {
    return derive(this, { unique: { name: optionalName(name, '.unique()') } });
  }

  /** An index on this column, named by the `ix` naming convention unless `name` is given. */
  index(name?: string): ColumnBuilder {
    return derive(this, { index: { name: optionalName(name, '.index()') } });
  }

  /** Server default: a value (rendered as a literal) or an `sql` fragment. `null` removes it. */
  default(value: DefaultValue): ColumnBuilder {
    if (value === undefined) throw argumentError('.default()', 'a value is required (null removes the default)');
    if (value === null) return derive(this, { default: null });
    return derive(this, { default: isSqlFragment(value) ? { sql: value } : { literal: value } });
  }

  references(target: ReferenceTarget, options: ReferenceOptions = {}): ColumnBuilder {
    if (typeof target !== 'function' && typeof target !== 'string') {
      throw argumentError('.references()', "the target must be a function (() => users.id) or a string ('users.id')");
    }
    if (typeof target === 'string' && !REFERENCE_FORMAT.test(target)) {
      throw argumentError('.references()', `"${target}" must be 'table.column' or 'schema.table.column'`);
    }
    checkOptions(options, ['onDelete', 'onUpdate', 'name'], '.references()');
    const reference: ColumnReference = {
      target,
      onDelete: referentialAction(options.onDelete, '.references() onDelete'),
      onUpdate: referentialAction(options.onUpdate, '.references() onUpdate'),
      name: optionalName(options.name, '.references()'),
    };
    return derive(this, { references: [...this[COLUMN_KEY].references, reference] });
  }

  autoincrement(value = true): ColumnBuilder {
    if (typeof value !== 'boolean') throw argumentError('.autoincrement()', 'expects true or false');
    return derive(this, { autoincrement: value });
  }

  comment(text: string | null): ColumnBuilder {
    if (text !== null && typeof text !== 'string') throw argumentError('.comment()', 'expects a string or null');
    return derive(this, { comment: text });
  }

  collate(name: string): ColumnBuilder {
    return derive(this, { collation: optionalName(name, '.collate()') });
  }
}

export function column(type: ColumnType): ColumnBuilder {
  return new ColumnBuilder({
    type,
    primaryKey: false,
    notNull: false,
    unique: null,
    index: null,
    default: null,
    references: [],
    autoincrement: null,
    comment: null,
    collation: null,
  });
}

export function isColumnBuilder(value: unknown): value is ColumnBuilder {
  return hasBrand(value, COLUMN_KEY);
}

export function isColumnRef(value: unknown): value is ColumnRef {
  return hasBrand(value, COLUMN_REF_KEY);
}
