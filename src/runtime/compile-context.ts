/**
 * What a step's compile sees of the database online. Introspection costs a few catalog
 * queries that grow with the schema, and on a long chain that would be most of the run, so
 * the schema is read once and then carried forward by replaying each step's ops (what
 * offline mode does from an empty schema). It is read again when replay cannot follow:
 * after an `execute` op, after another run moved the database, and where compile also
 * needs the stored objects (SQLite triggers and views, for a table rebuild), which replay
 * does not model: the replayed schema comes without them, and asking for them reads both
 * anew. A SQLite DROP COLUMN then decides native or rebuild from the replayed table, and
 * only a rebuild costs the catalog queries. The ops of the steps that ran are replayed only
 * when a compile next reads the schema, all at once: one replay per step would copy the whole
 * schema after every step, and most steps' compiles never read it.
 */
import type { CompileContext } from '../dialects/dialect.js';
import type { Op } from '../operations/ops.js';
import { applyOps } from '../snapshot/apply-ops.js';
import type { SchemaSnapshot } from '../snapshot/types.js';
import { SnapshotNeeded } from './compile-step.js';
import type { Session } from './session.js';
import { isTrackingTable } from './tracking-tables.js';

export class CompileContextSource {
  private known: SchemaSnapshot | null = null;
  /** Ops of steps that ran since `known` was read or last brought up to date. */
  private pending: Op[] = [];

  constructor(private readonly session: Session) {}

  /** `full`: the stored objects too, and the schema introspected rather than replayed. */
  async read(full: boolean): Promise<CompileContext> {
    const { dialect, conn } = this.session;
    if (full && dialect.readStoredObjects !== undefined) this.forget();
    this.catchUp();
    if (dialect.readStoredObjects === undefined) {
      this.known ??= await this.introspect();
      return { before: this.known };
    }
    if (full) {
      this.known = await this.introspect();
      return { before: this.known, storedObjects: await dialect.readStoredObjects(conn) };
    }
    this.known ??= await this.introspect();
    return {
      before: this.known,
      get storedObjects(): never {
        throw new SnapshotNeeded('compile reads the stored objects');
      },
    };
  }

  private introspect(): Promise<SchemaSnapshot> {
    const { dialect, conn, tables } = this.session;
    return dialect.introspect(conn, { excludeTable: (schema, name) => isTrackingTable(tables, schema, name) });
  }

  /** The ops of a step that ran. */
  advance(ops: readonly Op[]): void {
    if (this.known === null) return;
    if (ops.some((op) => op.kind === 'execute')) {
      this.forget();
      return;
    }
    this.pending.push(...ops);
  }

  private catchUp(): void {
    if (this.known === null || this.pending.length === 0) return;
    const ops = this.pending;
    this.pending = [];
    try {
      this.known = applyOps(this.known, ops, { quoteIdentifier: (name) => this.session.dialect.quoteIdentifier(name) });
    } catch {
      // An op replay cannot place (a table it does not know): introspect instead.
      this.forget();
    }
  }

  forget(): void {
    this.known = null;
    this.pending = [];
  }
}
