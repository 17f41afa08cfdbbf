/**
 * Random snapshots for property tests: tables with columns of several types, nullability,
 * defaults, composite keys, indexes incl. partial and expression ones, unique and CHECK
 * constraints, foreign keys between tables, enums. Same seed, same snapshot. Names are
 * lowercase and unique, so every dialect keeps them as they are.
 */
import type {
  ColumnSnapshot,
  ColumnType,
  EnumSnapshot,
  IndexSnapshot,
  ReferentialAction,
  SchemaSnapshot,
  TableSnapshot,
} from '../../src/snapshot/types.js';

export interface Rng {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: small, fast and good enough for test data. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
  };
}

export interface GeneratorOptions {
  readonly dialect?: string;
  /** Named enum types (PostgreSQL); without them no enum columns are made. */
  readonly enums?: boolean;
}

export const ACTIONS: readonly (ReferentialAction | null)[] = [null, 'CASCADE', 'SET NULL', 'RESTRICT'];

export class Names {
  private count = 0;
  next(prefix: string): string {
    this.count += 1;
    return `${prefix}${this.count}`;
  }
}

export interface Context {
  readonly rng: Rng;
  readonly names: Names;
  readonly enums: EnumSnapshot[];
}

export function randomType(ctx: Context): ColumnType {
  const { rng } = ctx;
  const choices: (() => ColumnType)[] = [
    () => ({ name: 'integer' }),
    () => ({ name: 'bigInteger' }),
    () => ({ name: 'string', length: rng.pick([20, 50, 200]) }),
    () => ({ name: 'text' }),
    () => ({ name: 'boolean' }),
    () => ({ name: 'numeric', precision: 10, scale: 2 }),
    () => ({ name: 'dateTime', timezone: rng.chance(0.5) }),
    () => ({ name: 'json' }),
    () => ({ name: 'array', of: { name: 'integer' } }),
  ];
  if (ctx.enums.length > 0) {
    choices.push(() => {
      const e = rng.pick(ctx.enums);
      return { name: 'enum', enumName: e.name, values: e.values };
    });
  }
  return rng.pick(choices)();
}

/** Defaults as a database prints them; none for enums, whose values may be removed later. */
export function randomDefault(rng: Rng, type: ColumnType): string | null {
  if (!rng.chance(0.35)) return null;
  switch (type.name) {
    case 'integer':
    case 'bigInteger':
      return rng.pick(['0', '42', "'-1'::integer"]);
    case 'string':
      return rng.pick(["'x'::character varying", "'it''s'::character varying"]);
    case 'text':
      return "'hello'::text";
    case 'boolean':
      return rng.pick(['true', 'false']);
    case 'numeric':
      return '0.5';
    case 'dateTime':
      return 'now()';
    default:
      return null;
  }
}

export function randomColumn(ctx: Context, rest: Partial<ColumnSnapshot> = {}): ColumnSnapshot {
  const type = randomType(ctx);
  const nullable = ctx.rng.chance(0.6);
  return {
    name: ctx.names.next('c'),
    type,
    nullable,
    default: randomDefault(ctx.rng, type),
    autoincrement: false,
    comment: ctx.rng.chance(0.15) ? `note ${ctx.names.next('n')}` : null,
    collation: null,
    ...rest,
  };
}

const isText = (c: ColumnSnapshot): boolean => c.type.name === 'string' || c.type.name === 'text';
const isNumber = (c: ColumnSnapshot): boolean => c.type.name === 'integer' || c.type.name === 'bigInteger';

export function randomIndex(ctx: Context, table: string, columns: readonly ColumnSnapshot[]): IndexSnapshot {
  const { rng } = ctx;
  const name = `ix_${table}_${ctx.names.next('i')}`;
  const texts = columns.filter(isText);
  const pick = rng.pick(columns);
  const roll = rng.next();
  if (roll < 0.2 && texts.length > 0) {
    return { name, elements: [{ expression: `lower(${rng.pick(texts).name})` }], unique: false, where: null };
  }
  if (roll < 0.4) {
    return { name, elements: [{ column: pick.name }], unique: rng.chance(0.3), where: `${pick.name} IS NOT NULL` };
  }
  if (roll < 0.55 && columns.length > 1) {
    const other = rng.pick(columns.filter((c) => c !== pick));
    return { name, elements: [{ column: pick.name }, { column: other.name, descending: true }], unique: false, where: null };
  }
  return { name, elements: [{ column: pick.name }], unique: rng.chance(0.3), where: null };
}

export function checkFor(ctx: Context, table: string, column: ColumnSnapshot): { name: string; sql: string } | null {
  const name = `ck_${table}_${ctx.names.next('k')}`;
  if (isNumber(column)) return { name, sql: `${column.name} > 0` };
  if (isText(column)) return { name, sql: `length(${column.name}) > 0` };
  return null;
}

const byName = <T extends { readonly name: string | null }>(items: T[]): T[] =>
  items.sort((x, y) => ((x.name ?? '') < (y.name ?? '') ? -1 : (x.name ?? '') > (y.name ?? '') ? 1 : 0));

/** A table whose foreign keys may point at the `id` of `parents`. */
export function randomTable(ctx: Context, parents: readonly TableSnapshot[]): TableSnapshot {
  const { rng } = ctx;
  const name = ctx.names.next('t');
  const columns: ColumnSnapshot[] = [];
  let primaryKey: TableSnapshot['primaryKey'] = null;
  const pkRoll = rng.next();
  if (pkRoll < 0.75) {
    columns.push({ name: 'id', type: { name: 'integer' }, nullable: false, default: null, autoincrement: true, comment: null, collation: null });
    primaryKey = { name: `pk_${name}`, columns: ['id'] };
  } else if (pkRoll < 0.92) {
    const a = randomColumn(ctx, { type: { name: 'integer' }, nullable: false, default: null });
    const b = randomColumn(ctx, { type: { name: 'integer' }, nullable: false, default: null });
    columns.push(a, b);
    primaryKey = { name: `pk_${name}`, columns: [a.name, b.name] };
  }
  const count = rng.int(1, 4);
  for (let i = 0; i < count; i++) columns.push(randomColumn(ctx));

  const foreignKeys: TableSnapshot['foreignKeys'][number][] = [];
  const withId = parents.filter((p) => p.primaryKey?.columns.join() === 'id');
  if (withId.length > 0 && rng.chance(0.5)) {
    const parent = rng.pick(withId);
    const fkColumn = randomColumn(ctx, { type: { name: 'integer' }, default: null });
    columns.push(fkColumn);
    foreignKeys.push({
      name: `fk_${name}_${fkColumn.name}_${parent.name}`,
      columns: [fkColumn.name],
      referredSchema: null,
      referredTable: parent.name,
      referredColumns: ['id'],
      onDelete: rng.pick(ACTIONS),
      onUpdate: null,
    });
  }

  const plain = columns.filter((c) => !(primaryKey?.columns ?? []).includes(c.name));
  const indexes: IndexSnapshot[] = [];
  for (let i = rng.int(0, 2); i > 0 && plain.length > 0; i--) indexes.push(randomIndex(ctx, name, plain));
  const uniqueConstraints =
    plain.length > 0 && rng.chance(0.3) ? [{ name: `uq_${name}_${ctx.names.next('u')}`, columns: [rng.pick(plain).name] }] : [];
  const checked = plain.length > 0 && rng.chance(0.4) ? checkFor(ctx, name, rng.pick(plain)) : null;
  return {
    schema: null,
    name,
    columns,
    primaryKey,
    foreignKeys: byName(foreignKeys),
    uniqueConstraints: byName(uniqueConstraints),
    checkConstraints: checked === null ? [] : [checked],
    indexes: byName(indexes),
    comment: rng.chance(0.2) ? `table ${name}` : null,
  };
}

export function randomSnapshot(rng: Rng, options: GeneratorOptions = {}, names = new Names()): SchemaSnapshot {
  const ctx: Context = { rng, names, enums: [] };
  if (options.enums !== false) {
    for (let i = rng.int(0, 2); i > 0; i--) {
      const values = Array.from({ length: rng.int(1, 4) }, () => names.next('v'));
      ctx.enums.push({ schema: null, name: names.next('e'), values });
    }
  }
  const tables: TableSnapshot[] = [];
  for (let i = rng.int(1, 5); i > 0; i--) tables.push(randomTable(ctx, tables));
  return {
    dialect: options.dialect ?? 'postgresql',
    tables: [...tables].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)),
    enums: byName([...ctx.enums]),
  };
}

