/**
 * What compile tracks while it walks an op list: which enum types exist and which columns
 * use them. A table with an enum column creates its type when the type does not exist
 * yet, and dropping the last table that uses a type drops the type, as SQLAlchemy's
 * `metadata.create_all`/`drop_all` do.
 */
import type { ColumnType, SchemaSnapshot } from '../../snapshot/types.js';

const key = (schema: string | null, name: string): string => `${schema ?? ''}\u0000${name}`;

/** The enum types a column type refers to (arrays of enums included). */
export function enumTypesOf(type: ColumnType): Extract<ColumnType, { name: 'enum' }>[] {
  if (type.name === 'enum') return [type];
  if (type.name === 'array') return enumTypesOf(type.of);
  return [];
}

export class CompileState {
  private readonly enums = new Set<string>();
  /** Columns by table key: column name -> type. */
  private readonly tables = new Map<string, Map<string, ColumnType>>();
  private readonly createdHere = new Set<string>();
  private readonly droppedHere = new Set<string>();

  constructor(before: SchemaSnapshot) {
    for (const e of before.enums) this.enums.add(key(e.schema, e.name));
    for (const t of before.tables) this.tables.set(key(t.schema, t.name), new Map(t.columns.map((c) => [c.name, c.type])));
  }

  hasTable(schema: string | null, table: string): boolean {
    return this.tables.has(key(schema, table));
  }

  enumExists(schema: string | null, name: string): boolean {
    return this.enums.has(key(schema, name));
  }

  /** Records a type created because a column needed it; an explicit createEnum later is then a no-op. */
  createdForColumn(schema: string | null, name: string): void {
    this.enums.add(key(schema, name));
    this.createdHere.add(key(schema, name));
    // Made again after it went with a table: an explicit dropEnum now has a type to drop.
    this.droppedHere.delete(key(schema, name));
  }

  /** True when an explicit createEnum must emit DDL (the type was not made for a column already). */
  createEnum(schema: string | null, name: string): boolean {
    const k = key(schema, name);
    this.enums.add(k);
    this.droppedHere.delete(k);
    return !this.createdHere.delete(k);
  }

  droppedWithTable(schema: string | null, name: string): void {
    this.enums.delete(key(schema, name));
    this.droppedHere.add(key(schema, name));
    this.createdHere.delete(key(schema, name));
  }

  /** True when an explicit dropEnum must emit DDL (the type did not go with its last table). */
  dropEnum(schema: string | null, name: string): boolean {
    const k = key(schema, name);
    this.enums.delete(k);
    this.createdHere.delete(k);
    return !this.droppedHere.delete(k);
  }

  /** Whether any tracked column in `schema` uses the enum type `name`. */
  enumInUse(schema: string | null, name: string): boolean {
    for (const [tableKey, columns] of this.tables) {
      if (!tableKey.startsWith(`${schema ?? ''}\u0000`)) continue;
      for (const type of columns.values()) if (enumTypesOf(type).some((t) => t.enumName === name)) return true;
    }
    return false;
  }

  setTable(schema: string | null, table: string, columns: ReadonlyMap<string, ColumnType>): void {
    this.tables.set(key(schema, table), new Map(columns));
  }

  dropTable(schema: string | null, table: string): void {
    this.tables.delete(key(schema, table));
  }

  renameTable(schema: string | null, from: string, to: string): void {
    const columns = this.tables.get(key(schema, from));
    if (columns === undefined) return;
    this.tables.delete(key(schema, from));
    this.tables.set(key(schema, to), columns);
  }

  columns(schema: string | null, table: string): ReadonlyMap<string, ColumnType> | undefined {
    return this.tables.get(key(schema, table));
  }

  setColumn(schema: string | null, table: string, column: string, type: ColumnType): void {
    const columns = this.tables.get(key(schema, table)) ?? new Map<string, ColumnType>();
    columns.set(column, type);
    this.tables.set(key(schema, table), columns);
  }

  dropColumn(schema: string | null, table: string, column: string): void {
    this.tables.get(key(schema, table))?.delete(column);
  }

  renameColumn(schema: string | null, table: string, from: string, to: string): void {
    const columns = this.tables.get(key(schema, table));
    const type = columns?.get(from);
    if (columns === undefined || type === undefined) return;
    columns.delete(from);
    columns.set(to, type);
  }
}
