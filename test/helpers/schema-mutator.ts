/**
 * Random changes to a snapshot, applied with `applyOps` (so the result is spelled as the
 * database would spell it after them), with every rename recorded as a resolver answer.
 */
import type { Op } from '../../src/operations/ops.js';
import { applyOps } from '../../src/snapshot/apply-ops.js';
import type { ColumnSnapshot, ColumnType, SchemaSnapshot, TableSnapshot } from '../../src/snapshot/types.js';
import { ACTIONS, checkFor, createRng, randomColumn, randomDefault, randomIndex, randomTable, type Context } from './random-schema.js';

export interface RenameAnswers {
  readonly table: [string, string][];
  readonly column: [string, string, string][];
  readonly enumValue: [string, string, string][];
}

/** Random changes to a snapshot, applied with applyOps; renames are recorded as answers. */
export class Mutator {
  state: SchemaSnapshot;
  readonly forward: RenameAnswers = { table: [], column: [], enumValue: [] };
  readonly backward: RenameAnswers = { table: [], column: [], enumValue: [] };
  /** Current table name -> its name in A. */
  private readonly original = new Map<string, string>();

  constructor(
    start: SchemaSnapshot,
    private readonly ctx: Context,
  ) {
    this.state = start;
    for (const t of start.tables) this.original.set(t.name, t.name);
  }

  private apply(...ops: Op[]): void {
    this.state = applyOps(this.state, ops);
  }

  private table(name: string): TableSnapshot {
    const found = this.state.tables.find((t) => t.name === name);
    if (found === undefined) throw new Error(`no table ${name}`);
    return found;
  }

  run(): void {
    this.mutateEnums();
    this.ctx.enums.splice(0, this.ctx.enums.length, ...this.state.enums);
    this.dropAndRenameTables();
    for (const name of this.state.tables.map((t) => t.name)) this.mutateTable(name);
    const { rng } = this.ctx;
    for (let i = rng.chance(0.35) ? rng.int(1, 2) : 0; i > 0; i--) {
      this.apply({ kind: 'createTable', table: randomTable(this.ctx, this.state.tables) });
    }
  }

  private mutateEnums(): void {
    const { rng, names } = this.ctx;
    for (const e of this.state.enums) {
      const at = { schema: e.schema, name: e.name };
      if (rng.chance(0.3)) {
        const anchor = rng.pick(e.values);
        const before = rng.chance(0.5);
        this.apply({ kind: 'addEnumValue', ...at, value: names.next('v'), before: before ? anchor : null, after: before ? null : anchor });
      }
      if (rng.chance(0.2)) {
        const from = rng.pick(this.enumValues(e.name));
        const to = names.next('v');
        this.apply({ kind: 'renameEnumValue', ...at, from, to });
        this.forward.enumValue.push([e.name, from, to]);
        this.backward.enumValue.push([e.name, to, from]);
      }
      const values = this.enumValues(e.name);
      if (values.length > 1 && rng.chance(0.15)) this.setEnumValues(e.name, values.filter((v) => v !== rng.pick(values)));
      const used = this.state.tables.some((t) => t.columns.some((c) => JSON.stringify(c.type).includes(`"enumName":"${e.name}"`)));
      if (!used && rng.chance(0.3)) this.apply({ kind: 'dropEnum', ...at, existingValues: null });
    }
    if (rng.chance(0.2)) {
      const values = Array.from({ length: rng.int(1, 3) }, () => names.next('v'));
      this.apply({ kind: 'createEnum', schema: null, name: names.next('e'), values });
    }
  }

  private enumValues(name: string): readonly string[] {
    return this.state.enums.find((e) => e.name === name)?.values ?? [];
  }

  /** What a rebuilt enum type looks like: applyOps has no op that removes a value. */
  private setEnumValues(name: string, values: readonly string[]): void {
    const retype = (type: ColumnType): ColumnType =>
      type.name === 'enum' && type.enumName === name ? { ...type, values } : type.name === 'array' ? { ...type, of: retype(type.of) } : type;
    this.state = {
      ...this.state,
      enums: this.state.enums.map((e) => (e.name === name ? { ...e, values } : e)),
      tables: this.state.tables.map((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c, type: retype(c.type) })) })),
    };
  }

  private dropAndRenameTables(): void {
    const { rng, names } = this.ctx;
    for (const t of [...this.state.tables]) {
      if (this.state.tables.length > 1 && rng.chance(0.2)) {
        for (const other of this.state.tables) {
          for (const fk of other.foreignKeys) {
            if (other.name !== t.name && fk.referredTable === t.name) {
              this.apply({ kind: 'dropConstraint', schema: null, table: other.name, name: fk.name ?? '', type: 'foreignkey', existing: null });
            }
          }
        }
        this.apply({ kind: 'dropTable', schema: null, table: t.name, existing: null });
        this.original.delete(t.name);
      } else if (rng.chance(0.2)) {
        const to = names.next('t');
        this.apply({ kind: 'renameTable', schema: null, table: t.name, newName: to });
        this.original.set(to, this.original.get(t.name) ?? t.name);
        this.original.delete(t.name);
        this.forward.table.push([t.name, to]);
        this.backward.table.push([to, t.name]);
        const pk = this.table(to).primaryKey;
        // As in models with a naming convention: the renamed table's key gets its new name too.
        if (pk !== null && rng.chance(0.5)) {
          this.apply(
            { kind: 'dropConstraint', schema: null, table: to, name: pk.name ?? '', type: 'primary', existing: null },
            { kind: 'createPrimaryKey', schema: null, table: to, constraint: { ...pk, name: `pk_${to}` } },
          );
        }
      }
    }
  }

  private mutateTable(name: string): void {
    const { rng, names } = this.ctx;
    const at = { schema: null, table: name };
    const pkColumns = (): readonly string[] => this.table(name).primaryKey?.columns ?? [];
    const plain = (): ColumnSnapshot[] => this.table(name).columns.filter((c) => !pkColumns().includes(c.name));

    if (rng.chance(0.2)) {
      const column = rng.pick(this.table(name).columns);
      const to = names.next('c');
      this.apply({ kind: 'renameColumn', ...at, column: column.name, newName: to });
      this.forward.column.push([name, column.name, to]);
      this.backward.column.push([this.original.get(name) ?? name, to, column.name]);
    }
    if (plain().length > 1 && rng.chance(0.2)) {
      this.apply({ kind: 'dropColumn', ...at, column: rng.pick(plain()).name, existing: null });
    }
    if (rng.chance(0.3)) this.apply({ kind: 'addColumn', ...at, column: randomColumn(this.ctx) });
    if (plain().length > 0 && rng.chance(0.35)) this.alterColumn(name, rng.pick(plain()));
    this.mutateIndexes(name, plain());
    this.mutateConstraints(name, plain());
    if (rng.chance(0.15)) {
      const table = this.table(name);
      this.apply({ kind: 'setTableComment', ...at, comment: table.comment === null ? `about ${name}` : null, existing: table.comment });
    }
  }

  private alterColumn(table: string, column: ColumnSnapshot): void {
    const { rng } = this.ctx;
    const at = { kind: 'alterColumn' as const, schema: null, table, column: column.name, using: null, existing: null };
    const roll = rng.next();
    if (roll < 0.3 && ['integer', 'bigInteger', 'string', 'text'].includes(column.type.name)) {
      const type: ColumnType = rng.pick<ColumnType>([{ name: 'bigInteger' }, { name: 'text' }, { name: 'string', length: 300 }]);
      if (JSON.stringify(type) !== JSON.stringify(column.type)) this.apply({ ...at, changes: { type } });
    } else if (roll < 0.55) {
      this.apply({ ...at, changes: { nullable: !column.nullable } });
    } else if (roll < 0.8) {
      const value = column.default === null ? randomDefault(createRng(rng.int(0, 1e9)), column.type) : null;
      if (value !== column.default) this.apply({ ...at, changes: { default: value } });
    } else {
      this.apply({ ...at, changes: { comment: column.comment === null ? 'changed' : null } });
    }
  }

  private mutateIndexes(table: string, columns: readonly ColumnSnapshot[]): void {
    const { rng } = this.ctx;
    const at = { schema: null, table };
    const existing = this.table(table).indexes;
    if (existing.length > 0 && rng.chance(0.2)) {
      const index = rng.pick(existing);
      this.apply({ kind: 'dropIndex', ...at, name: index.name, existing: null, concurrently: false });
      if (rng.chance(0.5)) {
        const changed = { ...index, unique: !index.unique };
        this.apply({ kind: 'createIndex', ...at, index: changed, concurrently: false });
      }
    }
    if (columns.length > 0 && rng.chance(0.2)) {
      this.apply({ kind: 'createIndex', ...at, index: randomIndex(this.ctx, table, columns), concurrently: false });
    }
  }

  private mutateConstraints(table: string, columns: readonly ColumnSnapshot[]): void {
    const { rng, names } = this.ctx;
    const at = { schema: null, table };
    const current = this.table(table);
    const drop = (name: string, type: 'unique' | 'check' | 'foreignkey' | 'primary'): void =>
      this.apply({ kind: 'dropConstraint', ...at, name, type, existing: null });
    if (current.uniqueConstraints.length > 0 && rng.chance(0.15)) drop(rng.pick(current.uniqueConstraints).name ?? '', 'unique');
    if (columns.length > 0 && rng.chance(0.15)) {
      const constraint = { name: `uq_${table}_${names.next('u')}`, columns: [rng.pick(columns).name] };
      this.apply({ kind: 'createUniqueConstraint', ...at, constraint });
    }
    if (current.checkConstraints.length > 0 && rng.chance(0.15)) drop(rng.pick(current.checkConstraints).name ?? '', 'check');
    if (columns.length > 0 && rng.chance(0.15)) {
      const constraint = checkFor(this.ctx, table, rng.pick(columns));
      if (constraint !== null) this.apply({ kind: 'createCheckConstraint', ...at, constraint });
    }
    if (current.foreignKeys.length > 0 && rng.chance(0.2)) {
      const fk = rng.pick(current.foreignKeys);
      drop(fk.name ?? '', 'foreignkey');
      const onDelete = rng.pick(ACTIONS.filter((a) => a !== fk.onDelete));
      this.apply({ kind: 'createForeignKey', ...at, constraint: { ...fk, onDelete } });
    }
    const pk = current.primaryKey;
    if (pk !== null && pk.columns.length > 1 && rng.chance(0.3)) {
      drop(pk.name ?? '', 'primary');
      if (rng.chance(0.7)) {
        this.apply({ kind: 'createPrimaryKey', ...at, constraint: { name: pk.name, columns: [rng.pick(pk.columns)] } });
      }
    }
  }
}

