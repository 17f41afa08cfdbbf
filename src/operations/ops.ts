/**
 * Ops: plain data, one kind per `op` API method. Hand-written migrations (through the `op`
 * object) and autogenerate (through `compare`) produce the same Ops; dialect compilers turn
 * them into SQL, `render` turns them into TypeScript, `reverseOp` turns them around.
 *
 * Ops carry `existing` snapshots where a reverse or a dialect needs to know what was there
 * before (a dropped column's definition, a dropped table's whole shape).
 */
import type {
  CheckSnapshot,
  ColumnSnapshot,
  ColumnType,
  ForeignKeySnapshot,
  IndexSnapshot,
  PrimaryKeySnapshot,
  TableSnapshot,
  UniqueSnapshot,
} from '../snapshot/types.js';

export type ConstraintType = 'primary' | 'foreignkey' | 'unique' | 'check';

/** Fields every op that targets a table carries. */
interface OnTable {
  readonly schema: string | null;
  readonly table: string;
}

export interface CreateTableOp {
  readonly kind: 'createTable';
  /** The whole table, constraints included. Indexes in `table.indexes` are created too. */
  readonly table: TableSnapshot;
}

export interface DropTableOp extends OnTable {
  readonly kind: 'dropTable';
  /** The table as it was, when known: needed to reverse the drop. */
  readonly existing: TableSnapshot | null;
}

export interface RenameTableOp extends OnTable {
  readonly kind: 'renameTable';
  readonly newName: string;
}

export interface AddColumnOp extends OnTable {
  readonly kind: 'addColumn';
  readonly column: ColumnSnapshot;
}

export interface DropColumnOp extends OnTable {
  readonly kind: 'dropColumn';
  readonly column: string;
  readonly existing: ColumnSnapshot | null;
}

export interface RenameColumnOp extends OnTable {
  readonly kind: 'renameColumn';
  readonly column: string;
  readonly newName: string;
}

/** Only the fields present change; `undefined` means "leave as it is". */
export interface ColumnChanges {
  readonly type?: ColumnType;
  readonly nullable?: boolean;
  /** `null` drops the default. */
  readonly default?: string | null;
  readonly comment?: string | null;
  readonly autoincrement?: boolean;
  readonly newName?: string;
}

export interface AlterColumnOp extends OnTable {
  readonly kind: 'alterColumn';
  readonly column: string;
  readonly changes: ColumnChanges;
  /** PostgreSQL `USING` expression for a type change. */
  readonly using: string | null;
  /** The column before the change, when known: needed to reverse it and by some dialects. */
  readonly existing: ColumnSnapshot | null;
}

export interface CreateIndexOp extends OnTable {
  readonly kind: 'createIndex';
  readonly index: IndexSnapshot;
  readonly concurrently: boolean;
}

export interface DropIndexOp extends OnTable {
  readonly kind: 'dropIndex';
  readonly name: string;
  readonly existing: IndexSnapshot | null;
  readonly concurrently: boolean;
}

export interface CreateUniqueConstraintOp extends OnTable {
  readonly kind: 'createUniqueConstraint';
  readonly constraint: UniqueSnapshot;
}

export interface CreateForeignKeyOp extends OnTable {
  readonly kind: 'createForeignKey';
  readonly constraint: ForeignKeySnapshot;
}

export interface CreateCheckConstraintOp extends OnTable {
  readonly kind: 'createCheckConstraint';
  readonly constraint: CheckSnapshot;
}

export interface CreatePrimaryKeyOp extends OnTable {
  readonly kind: 'createPrimaryKey';
  readonly constraint: PrimaryKeySnapshot;
}

export type ExistingConstraint =
  | { readonly type: 'primary'; readonly constraint: PrimaryKeySnapshot }
  | { readonly type: 'foreignkey'; readonly constraint: ForeignKeySnapshot }
  | { readonly type: 'unique'; readonly constraint: UniqueSnapshot }
  | { readonly type: 'check'; readonly constraint: CheckSnapshot };

export interface DropConstraintOp extends OnTable {
  readonly kind: 'dropConstraint';
  readonly name: string;
  readonly type: ConstraintType | null;
  readonly existing: ExistingConstraint | null;
}

export interface SetTableCommentOp extends OnTable {
  readonly kind: 'setTableComment';
  readonly comment: string | null;
  readonly existing: string | null;
}

export interface ExecuteOp {
  readonly kind: 'execute';
  readonly sql: string;
  /** Bound parameters, written `$1`, `$2`, ... in `sql` for every dialect; compilers translate. */
  readonly params: readonly unknown[];
}

export interface BulkInsertOp extends OnTable {
  readonly kind: 'bulkInsert';
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** Several ops on one table, run together (one rebuild on SQLite). */
export interface BatchAlterTableOp extends OnTable {
  readonly kind: 'batchAlterTable';
  readonly ops: readonly TableOp[];
}

export interface CreateEnumOp {
  readonly kind: 'createEnum';
  readonly schema: string | null;
  readonly name: string;
  readonly values: readonly string[];
}

export interface DropEnumOp {
  readonly kind: 'dropEnum';
  readonly schema: string | null;
  readonly name: string;
  readonly existingValues: readonly string[] | null;
}

export interface AddEnumValueOp {
  readonly kind: 'addEnumValue';
  readonly schema: string | null;
  readonly name: string;
  readonly value: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface RenameEnumValueOp {
  readonly kind: 'renameEnumValue';
  readonly schema: string | null;
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

/** Ops that change one existing table (the ones a SQLite rebuild can absorb). */
export type TableOp =
  | AddColumnOp
  | DropColumnOp
  | RenameColumnOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreateUniqueConstraintOp
  | CreateForeignKeyOp
  | CreateCheckConstraintOp
  | CreatePrimaryKeyOp
  | DropConstraintOp
  | SetTableCommentOp;

export type Op =
  | CreateTableOp
  | DropTableOp
  | RenameTableOp
  | TableOp
  | ExecuteOp
  | BulkInsertOp
  | BatchAlterTableOp
  | CreateEnumOp
  | DropEnumOp
  | AddEnumValueOp
  | RenameEnumValueOp;

export type OpKind = Op['kind'];
