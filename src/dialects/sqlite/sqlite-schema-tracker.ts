/**
 * The schema and stored objects as they stand between the ops of one compile, read from the
 * CompileContext only on first use (the runner's context may fetch them on demand).
 */
import { AlembicError } from '../../errors.js';
import type { Op } from '../../operations/ops.js';
import { applyOps } from '../../snapshot/apply-ops.js';
import type { SchemaSnapshot, TableSnapshot } from '../../snapshot/types.js';
import type { CompileContext, StoredObject } from '../dialect.js';
import { quoteSqliteIdentifier } from './sqlite-identifiers.js';
import { trackStoredObjects } from './sqlite-stored-objects.js';

const OPTIONS = { quoteIdentifier: quoteSqliteIdentifier, skipUnknownTables: true };

export class SchemaTracker {
  private schema: SchemaSnapshot | null = null;
  private objects: StoredObject[] | null = null;
  private objectsRead = false;
  private pendingSchema: Op[] = [];
  private pendingObjects: Op[] = [];

  constructor(private readonly context: CompileContext) {}

  /** `op` applied, throwing when it does not fit the schema (a rebuild must know its table exactly). */
  static applyStrict(schema: SchemaSnapshot, op: Op): SchemaSnapshot {
    return applyOps(schema, [op], OPTIONS);
  }

  /** `op` applied where it fits; where it does not (it names what an `execute` made), left out. */
  static applyLenient(schema: SchemaSnapshot, op: Op): SchemaSnapshot {
    try {
      return applyOps(schema, [op], OPTIONS);
    } catch (error: unknown) {
      if (error instanceof AlembicError && error.code === 'E_APPLY_OP') return schema;
      throw error;
    }
  }

  /** `table` without `column` and without everything that uses the column. */
  static dropColumnFrom(table: TableSnapshot, column: string): TableSnapshot {
    const alone: SchemaSnapshot = { dialect: 'sqlite', tables: [table], enums: [] };
    const op: Op = { kind: 'dropColumn', schema: table.schema, table: table.name, column, existing: null };
    return applyOps(alone, [op], OPTIONS).tables[0]!;
  }

  current(): SchemaSnapshot {
    let schema = this.schema ?? this.context.before;
    for (const op of this.pendingSchema) schema = SchemaTracker.applyLenient(schema, op);
    this.schema = schema;
    this.pendingSchema = [];
    return schema;
  }

  /** null when the context has none (offline). */
  storedObjects(): StoredObject[] | null {
    if (!this.objectsRead) {
      this.objects = this.context.storedObjects === undefined ? null : [...this.context.storedObjects];
      this.objectsRead = true;
    }
    if (this.objects !== null) for (const op of this.pendingObjects) this.objects = trackStoredObjects(this.objects, op);
    this.pendingObjects = [];
    return this.objects;
  }

  advance(ops: readonly Op[]): void {
    this.pendingSchema.push(...ops);
    this.pendingObjects.push(...ops);
  }
}
