/**
 * Small builders for hand-made snapshots in unit tests: every field has a plain default, so a
 * test states only what it is about.
 */
import { compareSnapshots, type CompareResult } from '../../src/autogenerate/compare/compare-snapshots.js';
import type { CompareOptions } from '../../src/autogenerate/compare/compare-context.js';
import { fixedResolver } from '../../src/autogenerate/resolver/fixed-resolver.js';
import type {
  ColumnSnapshot,
  ColumnType,
  EnumSnapshot,
  SchemaSnapshot,
  TableSnapshot,
} from '../../src/snapshot/types.js';

export function col(name: string, type: ColumnType = { name: 'integer' }, rest: Partial<ColumnSnapshot> = {}): ColumnSnapshot {
  return { name, type, nullable: true, default: null, autoincrement: false, comment: null, collation: null, ...rest };
}

/** An `id` integer primary key column (autoincrement, as a single integer PK is). */
export const idCol = (): ColumnSnapshot => col('id', { name: 'integer' }, { nullable: false, autoincrement: true });

export function tbl(name: string, columns: readonly ColumnSnapshot[], rest: Partial<TableSnapshot> = {}): TableSnapshot {
  return {
    schema: null,
    name,
    columns,
    primaryKey: null,
    foreignKeys: [],
    uniqueConstraints: [],
    checkConstraints: [],
    indexes: [],
    comment: null,
    ...rest,
  };
}

/** A table with an `id` primary key named `pk_<name>` and the given other columns. */
export function idTable(name: string, columns: readonly ColumnSnapshot[] = [], rest: Partial<TableSnapshot> = {}): TableSnapshot {
  return tbl(name, [idCol(), ...columns], { primaryKey: { name: `pk_${name}`, columns: ['id'] }, ...rest });
}

export function snap(tables: readonly TableSnapshot[], enums: readonly EnumSnapshot[] = []): SchemaSnapshot {
  return { dialect: 'postgresql', tables, enums };
}

export const varchar = (length: number | null = 50): ColumnType => ({ name: 'string', length });

/** compare with every comparison on and drops allowed; override what a test is about. */
export function compare(
  target: SchemaSnapshot,
  current: SchemaSnapshot,
  options: Partial<CompareOptions> = {},
): Promise<CompareResult> {
  return compareSnapshots(target, current, {
    compareType: true,
    compareServerDefault: true,
    capabilities: { comments: true },
    resolver: fixedResolver({ allowDrop: true }),
    ...options,
  });
}

/** Op kinds in order, for assertions about what compare decided and in which order. */
export const kinds = (result: CompareResult): string[] => result.ops.map((op) => op.kind);
