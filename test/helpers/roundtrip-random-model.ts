/**
 * Random model schemas (see roundtrip-model.ts) for the round-trip property test: tables with
 * columns of many types, defaults, nullability, single, composite and missing primary keys,
 * foreign keys (self-references too), unique and CHECK constraints, plain, descending,
 * expression, unique and partial indexes, comments, and PostgreSQL enum and array types.
 * Every name is lowercase and unique for the whole pair, so no two objects can clash.
 */
import type { ColumnType, ReferentialAction } from '../../src/snapshot/types.js';
import type { Rng } from './random-schema.js';
import { RESERVED_WORDS, type ExpressionShape, type ModelColumn, type ModelDefault, type ModelIndex, type ModelSchema, type ModelTable } from './roundtrip-model.js';

export interface RoundtripFeatures {
  /** Named enum types, arrays and jsonb (PostgreSQL); elsewhere only the generic types. */
  readonly postgres: boolean;
}

/**
 * Names unique for a whole pair (tables, indexes and constraints share one namespace on
 * PostgreSQL). Some are awkward on purpose, as users' names can be: upper case, with a space
 * or a double quote in them, or a reserved word; they must survive every quoting path.
 */
export class Counter {
  private count = 0;
  private readonly reserved = [...RESERVED_WORDS];

  constructor(private readonly rng: Rng) {}

  /** A name that never needs quoting. */
  plain(prefix: string): string {
    this.count += 1;
    return `${prefix}${this.count}`;
  }

  next(prefix: string): string {
    const plain = this.plain(prefix);
    if (prefix === 'n' || !this.rng.chance(0.06)) return plain;
    const roll = this.rng.next();
    if (roll < 0.35) return plain.toUpperCase();
    if (roll < 0.55) return `${prefix} ${this.count}`;
    if (roll < 0.65) return `${prefix}"${this.count}`;
    if (roll < 0.75) return `${prefix}'${this.count}`;
    return this.reserved.shift() ?? plain;
  }
}

/** Text that every quoting path must carry through: SQL and TypeScript quotes, escapes, lines. */
const AWKWARD_TEXT = ["it's", 'two\nlines', 'back\\slash', '${x}', '`tick`'];

/** A comment, sometimes with awkward text in it. */
export function randomComment(ctx: GenContext, prefix: string): string {
  const plain = `${prefix} ${ctx.names.next('n')}`;
  return ctx.rng.chance(0.25) ? `${plain} ${ctx.rng.pick(AWKWARD_TEXT)}` : plain;
}

export interface EnumState {
  name: string;
  values: string[];
}

export interface GenContext {
  readonly rng: Rng;
  readonly names: Counter;
  readonly features: RoundtripFeatures;
  /** The enum types columns may use; kept in step with every column that uses one. */
  readonly enums: EnumState[];
}

export const ACTIONS: readonly (ReferentialAction | null)[] = [null, 'CASCADE', 'SET NULL', 'RESTRICT'];

const NUMBERS = new Set<ColumnType['name']>(['integer', 'bigInteger', 'smallInteger', 'numeric', 'float', 'double']);
const STRINGS = new Set<ColumnType['name']>(['string', 'text']);

export const isNumber = (type: ColumnType): boolean => NUMBERS.has(type.name);
export const isString = (type: ColumnType): boolean => STRINGS.has(type.name);
/** json has no btree operator class on PostgreSQL; jsonb is left out with it so json <-> jsonb stays possible. */
export const isIndexable = (type: ColumnType): boolean => type.name !== 'json' && type.name !== 'jsonb';

export function newEnum(ctx: GenContext): EnumState {
  const values = Array.from({ length: ctx.rng.int(1, 4) }, () => ctx.names.next('v'));
  const created = { name: ctx.names.next('e'), values };
  ctx.enums.push(created);
  return created;
}

export function enumColumnType(state: EnumState): ColumnType {
  return { name: 'enum', enumName: state.name, values: [...state.values] };
}

export function randomType(ctx: GenContext): ColumnType {
  const { rng } = ctx;
  const choices: (() => ColumnType)[] = [
    () => ({ name: 'integer' }),
    () => ({ name: 'bigInteger' }),
    () => ({ name: 'smallInteger' }),
    () => ({ name: 'string', length: rng.pick([20, 50, 200]) }),
    () => ({ name: 'string', length: rng.pick([20, 50, 200]) }),
    () => ({ name: 'text' }),
    () => ({ name: 'boolean' }),
    () => ({ name: 'numeric', precision: 10, scale: 2 }),
    () => ({ name: rng.pick(['float', 'double'] as const) }),
    () => ({ name: 'date' }),
    () => ({ name: 'dateTime', timezone: rng.chance(0.5) }),
    () => ({ name: 'json' }),
    () => ({ name: 'uuid' }),
    () => ({ name: 'time' }),
    () => ({ name: 'binary' }),
  ];
  if (ctx.features.postgres) {
    choices.push(
      () => ({ name: 'jsonb' }),
      () => ({ name: 'array', of: { name: rng.pick(['integer', 'text'] as const) } }),
      () => enumColumnType(ctx.enums.length > 0 && rng.chance(0.7) ? rng.pick(ctx.enums) : newEnum(ctx)),
      () => enumColumnType(ctx.enums.length > 0 && rng.chance(0.7) ? rng.pick(ctx.enums) : newEnum(ctx)),
    );
  }
  return rng.pick(choices)();
}

/** A default that fits the type, as a model would give it (a value, or SQL). */
export function randomDefault(rng: Rng, type: ColumnType): ModelDefault | null {
  if (!rng.chance(0.35)) return null;
  switch (type.name) {
    case 'integer':
    case 'bigInteger':
    case 'smallInteger':
      return { literal: rng.pick([0, 42, -1]) };
    case 'string':
    case 'text':
      return { literal: rng.pick(['x', '', ...AWKWARD_TEXT]) };
    case 'boolean':
      return { literal: rng.chance(0.5) };
    case 'numeric':
      return { literal: rng.pick([0.5, 12.25]) };
    case 'float':
    case 'double':
      return { literal: 1.5 };
    case 'date':
      return { sql: 'CURRENT_DATE' };
    case 'dateTime':
      return { sql: 'CURRENT_TIMESTAMP' };
    case 'time':
      return { sql: 'CURRENT_TIME' };
    case 'json':
    case 'jsonb':
      return { literal: '{}' };
    case 'enum':
      return { literal: rng.pick(type.values) };
    default:
      return null;
  }
}

export function randomColumn(ctx: GenContext, rest: Partial<ModelColumn> = {}): ModelColumn {
  const type = rest.type ?? randomType(ctx);
  return {
    name: ctx.names.next('c'),
    type,
    notNull: ctx.rng.chance(0.4),
    default: randomDefault(ctx.rng, type),
    comment: ctx.rng.chance(0.15) ? randomComment(ctx, 'note') : null,
    ...rest,
  };
}

export const pkColumns = (table: ModelTable): readonly string[] => table.primaryKey?.columns ?? [];
export const fkColumns = (table: ModelTable): Set<string> => new Set(table.foreignKeys.flatMap((fk) => fk.columns));
/** Columns outside the primary key. */
export const plainColumns = (table: ModelTable): ModelColumn[] => table.columns.filter((c) => !pkColumns(table).includes(c.name));

export function checkFor(ctx: GenContext, column: ModelColumn): { name: string; expression: ExpressionShape } | null {
  const name = ctx.names.next('ck_');
  const kind = ctx.rng.chance(0.6) ? 0 : 1;
  if (isNumber(column.type)) return { name, expression: { kind: kind === 0 ? 'positive' : 'between', column: column.name } };
  if (isString(column.type)) return { name, expression: { kind: kind === 0 ? 'notEmpty' : 'inList', column: column.name } };
  return null;
}

export function randomIndex(ctx: GenContext, columns: readonly ModelColumn[]): ModelIndex | null {
  const { rng } = ctx;
  const usable = columns.filter((c) => isIndexable(c.type));
  if (usable.length === 0) return null;
  const name = ctx.names.next('ix_');
  const texts = usable.filter((c) => isString(c.type));
  const pick = rng.pick(usable);
  const roll = rng.next();
  if (roll < 0.2 && texts.length > 0) {
    return { name, elements: [{ expression: { kind: 'lower', column: rng.pick(texts).name } }], unique: rng.chance(0.2), where: null };
  }
  if (roll < 0.4) {
    const where: ExpressionShape = { kind: isNumber(pick.type) && rng.chance(0.5) ? 'positive' : 'isNotNull', column: pick.name };
    return { name, elements: [{ column: pick.name, descending: false }], unique: rng.chance(0.3), where };
  }
  if (roll < 0.55 && usable.length > 1) {
    const other = rng.pick(usable.filter((c) => c !== pick));
    return { name, elements: [{ column: pick.name, descending: false }, { column: other.name, descending: true }], unique: false, where: null };
  }
  return { name, elements: [{ column: pick.name, descending: rng.chance(0.15) }], unique: rng.chance(0.3), where: null };
}

/** The primary key columns other tables may refer to (all of them integer or string), or null. */
export function referableKey(table: ModelTable): ModelColumn[] | null {
  const key = pkColumns(table).map((name) => table.columns.find((c) => c.name === name)!);
  return key.length > 0 && key.every((c) => c.type.name === 'integer' || c.type.name === 'string') ? key : null;
}

/** New columns of `table`, typed as the key of `parent`, and a foreign key from them to it. */
export function addForeignKey(ctx: GenContext, table: ModelTable, parent: ModelTable): void {
  const key = referableKey(parent);
  if (key === null) return;
  const columns = key.map((k) => randomColumn(ctx, { type: k.type, default: null }));
  table.columns.push(...columns);
  table.foreignKeys.push({
    name: ctx.names.next('fk_'),
    columns: columns.map((c) => c.name),
    referredTable: parent.name,
    referredColumns: key.map((k) => k.name),
    onDelete: ctx.rng.pick(ACTIONS),
    onUpdate: ctx.rng.chance(0.2) ? ctx.rng.pick(ACTIONS) : null,
  });
}

export function addUnique(ctx: GenContext, table: ModelTable): void {
  const usable = plainColumns(table).filter((c) => isIndexable(c.type));
  if (usable.length === 0) return;
  const first = ctx.rng.pick(usable);
  const rest = usable.filter((c) => c !== first);
  const columns = rest.length > 0 && ctx.rng.chance(0.3) ? [first.name, ctx.rng.pick(rest).name] : [first.name];
  table.uniques.push({ name: ctx.names.next('uq_'), columns });
}

/** A table whose foreign keys may point at the key of `parents` (or at itself). */
export function randomTable(ctx: GenContext, parents: readonly ModelTable[]): ModelTable {
  const { rng, names } = ctx;
  const table: ModelTable = {
    name: names.next('t'),
    columns: [],
    primaryKey: null,
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: [],
    comment: rng.chance(0.2) ? randomComment(ctx, 'table') : null,
  };
  const pkRoll = rng.next();
  if (pkRoll < 0.7) {
    table.columns.push({ name: names.next('id'), type: { name: 'integer' }, notNull: true, default: null, comment: null });
    table.primaryKey = { name: names.next('pk_'), columns: [table.columns[0]!.name] };
  } else if (pkRoll < 0.85) {
    const a = randomColumn(ctx, { type: { name: 'integer' }, notNull: true, default: null });
    const b = randomColumn(ctx, { type: rng.pick<ColumnType>([{ name: 'integer' }, { name: 'string', length: 20 }]), notNull: true, default: null });
    table.columns.push(a, b);
    table.primaryKey = { name: names.next('pk_'), columns: [a.name, b.name] };
  }
  for (let i = rng.int(1, 4); i > 0; i--) table.columns.push(randomColumn(ctx));

  const referable = parents.filter((p) => referableKey(p) !== null);
  if (referable.length > 0 && rng.chance(0.5)) addForeignKey(ctx, table, rng.pick(referable));
  if (referableKey(table) !== null && rng.chance(0.1)) addForeignKey(ctx, table, table);

  const plain = plainColumns(table);
  for (let i = rng.int(0, 2); i > 0; i--) {
    const ix = randomIndex(ctx, plain);
    if (ix !== null) table.indexes.push(ix);
  }
  if (rng.chance(0.3)) addUnique(ctx, table);
  if (plain.length > 0 && rng.chance(0.4)) {
    const checked = checkFor(ctx, rng.pick(plain));
    if (checked !== null) table.checks.push(checked);
  }
  return table;
}

export function randomModelSchema(ctx: GenContext): ModelSchema {
  const tables: ModelTable[] = [];
  for (let i = ctx.rng.int(1, 5); i > 0; i--) tables.push(randomTable(ctx, tables));
  return { tables };
}
