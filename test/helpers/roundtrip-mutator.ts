/**
 * Model B from model A by random edits, as a user edits models: tables and columns added,
 * dropped and renamed (each rename recorded as the answer a user gives autogenerate), types,
 * nullability, defaults and comments changed, keys, constraints and indexes dropped, added
 * and changed, enum values added, renamed and removed. Whatever an edit makes invalid (an
 * index on a dropped column, a CHECK that no longer fits a new type) is edited away with it.
 */
import type { ColumnType } from '../../src/snapshot/types.js';
import { cloneSchema, type ExpressionShape, type ModelColumn, type ModelSchema, type ModelTable } from './roundtrip-model.js';
import {
  ACTIONS,
  addForeignKey,
  addUnique,
  checkFor,
  enumColumnType,
  fkColumns,
  isIndexable,
  isNumber,
  isString,
  plainColumns,
  randomColumn,
  randomComment,
  randomDefault,
  randomIndex,
  randomTable,
  referableKey,
  type EnumState,
  type GenContext,
} from './roundtrip-random-model.js';

export interface RenameAnswers {
  readonly table: [string, string][];
  /** `[table as named in B, old, new]`. */
  readonly column: [string, string, string][];
  readonly enumValue: [string, string, string][];
}

const renameIn = (list: string[], from: string, to: string): string[] => list.map((c) => (c === from ? to : c));
const renameShape = (shape: ExpressionShape, from: string, to: string): ExpressionShape =>
  shape.column === from ? { ...shape, column: to } : shape;

/** Every column typed with the enum `name` (arrays of it too) gets `retyped` instead. */
function retypeEnum(schema: ModelSchema, name: string, retyped: ColumnType): void {
  const visit = (type: ColumnType): ColumnType =>
    type.name === 'enum' && type.enumName === name ? retyped : type.name === 'array' ? { ...type, of: visit(type.of) } : type;
  for (const table of schema.tables) for (const column of table.columns) column.type = visit(column.type);
}

/** Does the shape only make sense for the column's type (a number comparison, a string function)? */
const typeBound = (shape: ExpressionShape): boolean => shape.kind !== 'isNotNull';

export class ModelMutator {
  readonly schema: ModelSchema;
  readonly renames: RenameAnswers = { table: [], column: [], enumValue: [] };

  constructor(
    a: ModelSchema,
    private readonly ctx: GenContext,
  ) {
    this.schema = cloneSchema(a);
  }

  run(): void {
    const { rng } = this.ctx;
    if (this.ctx.features.postgres) for (const e of [...this.usedEnums()]) this.mutateEnum(e);
    for (const table of [...this.schema.tables]) {
      if (this.schema.tables.length > 1 && rng.chance(0.15)) this.dropTable(table);
      else if (rng.chance(0.15)) this.renameTable(table);
    }
    for (const table of this.schema.tables) this.mutateTable(table);
    const old = [...this.schema.tables];
    for (let i = rng.chance(0.35) ? rng.int(1, 2) : 0; i > 0; i--) {
      const created = randomTable(this.ctx, this.schema.tables);
      this.schema.tables.push(created);
      // An existing table that starts to refer to the new one.
      if (referableKey(created) !== null && rng.chance(0.3)) addForeignKey(this.ctx, rng.pick(old), created);
    }
  }

  private usedEnums(): EnumState[] {
    const used = new Set<string>();
    const visit = (type: ColumnType): void => {
      if (type.name === 'enum') used.add(type.enumName);
      if (type.name === 'array') visit(type.of);
    };
    for (const table of this.schema.tables) for (const column of table.columns) visit(column.type);
    return this.ctx.enums.filter((e) => used.has(e.name));
  }

  private mutateEnum(e: EnumState): void {
    const { rng, names } = this.ctx;
    if (rng.chance(0.3)) e.values.splice(rng.int(0, e.values.length), 0, names.next('v'));
    if (rng.chance(0.2)) {
      const from = rng.pick(e.values);
      const to = names.next('v');
      e.values = renameIn(e.values, from, to);
      this.renames.enumValue.push([e.name, from, to]);
      this.eachEnumDefault(e.name, (value) => (value === from ? to : value));
    }
    if (e.values.length > 1 && rng.chance(0.15)) {
      const removed = rng.pick(e.values);
      e.values = e.values.filter((v) => v !== removed);
      this.eachEnumDefault(e.name, (value) => (value === removed ? null : value));
    }
    retypeEnum(this.schema, e.name, enumColumnType(e));
  }

  /** Defaults of the enum's columns follow its values (a renamed value, a removed one). */
  private eachEnumDefault(name: string, change: (value: string) => string | null): void {
    for (const table of this.schema.tables) {
      for (const column of table.columns) {
        const d = column.default;
        if (column.type.name !== 'enum' || column.type.enumName !== name || d === null || !('literal' in d)) continue;
        const next = change(String(d.literal));
        column.default = next === null ? null : { literal: next };
      }
    }
  }

  private dropTable(table: ModelTable): void {
    for (const other of this.schema.tables) {
      if (other !== table) other.foreignKeys = other.foreignKeys.filter((fk) => fk.referredTable !== table.name);
    }
    this.schema.tables.splice(this.schema.tables.indexOf(table), 1);
  }

  private renameTable(table: ModelTable): void {
    const to = this.ctx.names.next('t');
    for (const other of this.schema.tables) {
      for (const fk of other.foreignKeys) if (fk.referredTable === table.name) fk.referredTable = to;
    }
    this.renames.table.push([table.name, to]);
    // As under a naming convention: the renamed table's key gets a new name too.
    if (table.primaryKey !== null && this.ctx.rng.chance(0.5)) table.primaryKey.name = this.ctx.names.next('pk_');
    table.name = to;
  }

  private mutateTable(table: ModelTable): void {
    const { rng } = this.ctx;
    if (rng.chance(0.2)) this.renameColumn(table, rng.pick(table.columns));
    if (plainColumns(table).length > 1 && rng.chance(0.15)) this.dropColumn(table, rng.pick(plainColumns(table)));
    if (rng.chance(0.3)) table.columns.push(randomColumn(this.ctx));
    const alterable = plainColumns(table).filter((c) => !fkColumns(table).has(c.name));
    if (alterable.length > 0 && rng.chance(0.4)) this.alterColumn(table, rng.pick(alterable));
    this.mutateIndexes(table);
    this.mutateConstraints(table);
    this.mutatePrimaryKey(table);
    if (rng.chance(0.15)) table.comment = table.comment === null ? randomComment(this.ctx, 'about') : null;
  }

  private renameColumn(table: ModelTable, column: ModelColumn): void {
    const from = column.name;
    // Narrowed on SQLite: RENAME COLUMN keeps a quoted reference quoted (`"c4"` once `"C7"` is
    // renamed back to c4), so an expression on a column renamed to a name that needs quotes
    // reads differently from the model's `c4` after the downgrade. The text means the same;
    // SQLite only stores it as written.
    const inExpression =
      table.checks.some((c) => c.expression.column === from) ||
      table.indexes.some((ix) => ix.where?.column === from || ix.elements.some((e) => 'expression' in e && e.expression.column === from));
    const to = inExpression && !this.ctx.features.postgres ? this.ctx.names.plain('c') : this.ctx.names.next('c');
    column.name = to;
    if (table.primaryKey !== null) table.primaryKey.columns = renameIn(table.primaryKey.columns, from, to);
    for (const fk of table.foreignKeys) fk.columns = renameIn(fk.columns, from, to);
    for (const u of table.uniques) u.columns = renameIn(u.columns, from, to);
    for (const c of table.checks) c.expression = renameShape(c.expression, from, to);
    for (const ix of table.indexes) {
      ix.elements = ix.elements.map((e) =>
        'column' in e ? (e.column === from ? { ...e, column: to } : e) : { expression: renameShape(e.expression, from, to) },
      );
      if (ix.where !== null) ix.where = renameShape(ix.where, from, to);
    }
    for (const other of this.schema.tables) {
      for (const fk of other.foreignKeys) if (fk.referredTable === table.name) fk.referredColumns = renameIn(fk.referredColumns, from, to);
    }
    this.renames.column.push([table.name, from, to]);
  }

  /** The column and everything that names it. */
  private dropColumn(table: ModelTable, column: ModelColumn): void {
    const name = column.name;
    table.columns = table.columns.filter((c) => c !== column);
    table.foreignKeys = table.foreignKeys.filter((fk) => !fk.columns.includes(name));
    table.uniques = table.uniques.filter((u) => !u.columns.includes(name));
    table.checks = table.checks.filter((c) => c.expression.column !== name);
    table.indexes = table.indexes.filter(
      (ix) => ix.where?.column !== name && !ix.elements.some((e) => ('column' in e ? e.column : e.expression.column) === name),
    );
  }

  private alterColumn(table: ModelTable, column: ModelColumn): void {
    const { rng } = this.ctx;
    const roll = rng.next();
    if (roll < 0.35) this.changeType(table, column);
    else if (roll < 0.6) column.notNull = !column.notNull;
    else if (roll < 0.85) column.default = column.default === null ? randomDefault(rng, column.type) : null;
    else column.comment = column.comment === null ? randomComment(this.ctx, 'changed') : null;
  }

  /** A type the database converts the column to (the tables are empty, so USING casts are fine). */
  private newType(column: ModelColumn, indexed: boolean): ColumnType | null {
    const { rng } = this.ctx;
    const type = column.type;
    const pg = this.ctx.features.postgres;
    const options: ColumnType[] = [{ name: 'text' }, { name: 'string', length: 300 }];
    if (isNumber(type)) options.push({ name: 'integer' }, { name: 'bigInteger' }, { name: 'smallInteger' }, { name: 'numeric', precision: 12, scale: 3 });
    if (isString(type)) {
      options.push({ name: 'string', length: 30 }, { name: 'integer' }, { name: 'boolean' }, { name: 'dateTime', timezone: false }, { name: 'numeric', precision: 8, scale: 1 });
      if (pg && this.ctx.enums.length > 0) options.push(enumColumnType(rng.pick(this.ctx.enums)));
      if (!indexed) options.push({ name: 'json' });
    }
    if (type.name === 'date') options.push({ name: 'dateTime', timezone: rng.chance(0.5) });
    if (type.name === 'dateTime') options.push({ name: 'date' }, { name: 'dateTime', timezone: !type.timezone });
    if (type.name === 'json' && pg) options.push({ name: 'jsonb' });
    if (type.name === 'jsonb') options.push({ name: 'json' });
    if (type.name === 'array' && type.of.name === 'integer') options.push({ name: 'array', of: { name: 'bigInteger' } });
    if (type.name === 'integer' && !pg) options.push({ name: 'boolean' });
    const changed = options.filter((o) => JSON.stringify(o) !== JSON.stringify(type));
    return changed.length === 0 ? null : rng.pick(changed);
  }

  private changeType(table: ModelTable, column: ModelColumn): void {
    const name = column.name;
    const indexed =
      table.uniques.some((u) => u.columns.includes(name)) ||
      table.indexes.some((ix) => ix.elements.some((e) => 'column' in e && e.column === name));
    const type = this.newType(column, indexed);
    if (type === null) return;
    const sameFamily = (isNumber(type) && isNumber(column.type)) || (isString(type) && isString(column.type));
    column.type = type;
    if (!isIndexable(type)) {
      table.uniques = table.uniques.filter((u) => !u.columns.includes(name));
      table.indexes = table.indexes.filter((ix) => !ix.elements.some((e) => 'column' in e && e.column === name));
    }
    if (!sameFamily) {
      // A CHECK or partial index `c > 0` or an index on lower(c) no longer fits: the user edits it away.
      const fits = (shape: ExpressionShape): boolean => !(shape.column === name && typeBound(shape));
      table.checks = table.checks.filter((c) => fits(c.expression));
      table.indexes = table.indexes.filter(
        (ix) => (ix.where === null || fits(ix.where)) && !ix.elements.some((e) => 'expression' in e && e.expression.column === name),
      );
      column.default = this.ctx.rng.chance(0.5) ? randomDefault(this.ctx.rng, type) : null;
    }
  }

  private mutateIndexes(table: ModelTable): void {
    const { rng } = this.ctx;
    if (table.indexes.length > 0 && rng.chance(0.2)) {
      const ix = rng.pick(table.indexes);
      if (rng.chance(0.5)) ix.unique = !ix.unique;
      else table.indexes = table.indexes.filter((i) => i !== ix);
    }
    if (rng.chance(0.2)) {
      const ix = randomIndex(this.ctx, plainColumns(table));
      if (ix !== null) table.indexes.push(ix);
    }
  }

  private mutateConstraints(table: ModelTable): void {
    const { rng } = this.ctx;
    if (table.uniques.length > 0 && rng.chance(0.15)) table.uniques = table.uniques.filter((u) => u !== rng.pick(table.uniques));
    if (rng.chance(0.15)) addUnique(this.ctx, table);
    if (table.checks.length > 0 && rng.chance(0.15)) table.checks = table.checks.filter((c) => c !== rng.pick(table.checks));
    const plain = plainColumns(table);
    if (plain.length > 0 && rng.chance(0.15)) {
      const checked = checkFor(this.ctx, rng.pick(plain));
      if (checked !== null) table.checks.push(checked);
    }
    if (table.foreignKeys.length > 0 && rng.chance(0.2)) {
      const fk = rng.pick(table.foreignKeys);
      if (rng.chance(0.7)) fk.onDelete = rng.pick(ACTIONS.filter((a) => a !== fk.onDelete));
      else fk.onUpdate = rng.pick(ACTIONS.filter((a) => a !== fk.onUpdate));
    }
    const referable = this.schema.tables.filter((t) => referableKey(t) !== null);
    if (referable.length > 0 && rng.chance(0.1)) addForeignKey(this.ctx, table, rng.pick(referable));
  }

  private mutatePrimaryKey(table: ModelTable): void {
    const { rng } = this.ctx;
    const pk = table.primaryKey;
    if (pk !== null && pk.columns.length > 1 && rng.chance(0.3)) {
      table.primaryKey = rng.chance(0.6) ? { name: pk.name, columns: [rng.pick(pk.columns)] } : null;
      // The columns keep their NOT NULL, as they had it in the key.
      for (const c of table.columns) if (pk.columns.includes(c.name)) c.notNull = true;
      // Foreign keys to the old key have nothing to refer to any more: the user removes them.
      for (const other of this.schema.tables) {
        other.foreignKeys = other.foreignKeys.filter((fk) => fk.referredTable !== table.name);
      }
    } else if (pk === null && rng.chance(0.3)) {
      const candidates = table.columns.filter((c) => c.type.name === 'integer' && !fkColumns(table).has(c.name));
      if (candidates.length === 0) return;
      const chosen = rng.pick(candidates);
      chosen.notNull = true;
      table.primaryKey = { name: this.ctx.names.next('pk_'), columns: [chosen.name] };
    }
  }
}
