/**
 * What a step's compile sees of the database online. Introspection costs a few catalog
 * queries that grow with the schema, and on a long chain that would be most of the run, so
 * the schema is read once and then carried forward by replaying each step's ops (what
 * offline mode does from an empty schema). It is read again when replay cannot follow:
 * after an `execute` op, after another run moved the database, and where compile also
 * needs the stored objects (SQLite triggers and views), which replay does not model.
 */
import type { CompileContext } from '../dialects/dialect.js';
import type { Op } from '../operations/ops.js';
import { applyOps } from '../snapshot/apply-ops.js';
import type { SchemaSnapshot } from '../snapshot/types.js';
import type { Session } from './session.js';
import { isTrackingTable } from './tracking-tables.js';

export class CompileContextSource {
  private known: SchemaSnapshot | null = null;

  constructor(private readonly session: Session) {}

  async read(): Promise<CompileContext> {
    const { dialect, conn, tables } = this.session;
    if (dialect.readStoredObjects !== undefined) {
      const before = await dialect.introspect(conn, { excludeTable: (schema, name) => isTrackingTable(tables, schema, name) });
      return { before, storedObjects: await dialect.readStoredObjects(conn) };
    }
    this.known ??= await dialect.introspect(conn, { excludeTable: (schema, name) => isTrackingTable(tables, schema, name) });
    return { before: this.known };
  }

  /** The ops of a step that ran. */
  advance(ops: readonly Op[]): void {
    if (this.known === null) return;
    if (ops.some((op) => op.kind === 'execute')) {
      this.forget();
      return;
    }
    try {
      this.known = applyOps(this.known, ops, { quoteIdentifier: (name) => this.session.dialect.quoteIdentifier(name) });
    } catch {
      // An op replay cannot place (a table it does not know): introspect next time instead.
      this.forget();
    }
  }

  forget(): void {
    this.known = null;
  }
}
