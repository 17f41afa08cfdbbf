/**
 * The names a rendered revision uses, and the import lines that bring them in: the main
 * package for the op API, the DSL and `sql`; `alembic-ts/postgresql` for PostgreSQL-only types.
 */
import { compareText } from '../text-order.js';

export type ImportSource = 'alembic-ts' | 'alembic-ts/postgresql';

export class Imports {
  private readonly names = new Map<ImportSource, Set<string>>();

  /** Records `name` as used and returns it, so a renderer can write `imports.use('integer')`. */
  use(name: string, from: ImportSource = 'alembic-ts'): string {
    let set = this.names.get(from);
    if (set === undefined) {
      set = new Set();
      this.names.set(from, set);
    }
    set.add(name);
    return name;
  }

  /** Module -> names used from it, each list sorted (what the script writer's `importLines` takes). */
  map(): Readonly<Record<string, readonly string[]>> {
    const sources = [...this.names.keys()].sort(compareText);
    return Object.fromEntries(sources.map((source) => [source, [...(this.names.get(source) ?? [])].sort(compareText)]));
  }

  /** `import { type Operations, integer, sql } from 'alembic-ts';` and, when used, the PostgreSQL line. */
  render(): string {
    const main = [...(this.names.get('alembic-ts') ?? [])].sort(compareText);
    const lines = [`import { ${['type Operations', ...main].join(', ')} } from 'alembic-ts';`];
    const pg = [...(this.names.get('alembic-ts/postgresql') ?? [])].sort(compareText);
    if (pg.length > 0) lines.push(`import { ${pg.join(', ')} } from 'alembic-ts/postgresql';`);
    return lines.join('\n');
  }
}
