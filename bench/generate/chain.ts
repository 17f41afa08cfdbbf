/**
 * B3/B4's linear revision chains as alembic-ts revision files (SPEC section 4): a port of
 * ../shared/bench/gen_chain.py with the same revision ids, messages and operations, so the
 * Python and TypeScript chains describe one history.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `ops`: every 10th revision creates a small table, the others add a column to it (B3). `trivial`: empty bodies (B4). */
export type ChainKind = 'ops' | 'trivial';

/** gen_chain.py's TYPES, in the same rotation (`TYPES[k % 6]`). */
const COLUMN_TYPES = ['integer()', 'string(50)', 'text()', 'boolean()', 'dateTime()', 'numeric(10, 2)'];
const TYPE_IMPORTS = ['integer', 'string', 'text', 'boolean', 'dateTime', 'numeric'];

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** The same ids as gen_chain.py: sha1("bench-rev-<k>"), first 12 hex digits. */
export function revisionId(k: number): string {
  return createHash('sha1').update(`bench-rev-${k}`).digest('hex').slice(0, 12);
}

interface Body {
  readonly message: string;
  readonly imports: readonly string[];
  readonly upgrade: string;
  readonly downgrade: string;
}

function body(k: number, kind: ChainKind): Body {
  if (kind === 'trivial') {
    return { message: `r${pad(k, 5)} trivial`, imports: [], upgrade: '  // no changes', downgrade: '  // no changes' };
  }
  const j = Math.floor((k - 1) / 10);
  const table = `tb${pad(j, 4)}`;
  if ((k - 1) % 10 === 0) {
    return {
      message: `create table ${table}`,
      imports: ['integer', 'string'],
      upgrade: [`  op.createTable('${table}', {`, `    id: integer().primaryKey(),`, `    name: string(50),`, `  });`].join('\n'),
      downgrade: `  op.dropTable('${table}');`,
    };
  }
  const column = `c${pad(k, 5)}`;
  const typeIndex = k % COLUMN_TYPES.length;
  return {
    message: `add column ${table}.${column}`,
    imports: [TYPE_IMPORTS[typeIndex]!],
    upgrade: `  op.addColumn('${table}', '${column}', ${COLUMN_TYPES[typeIndex]!});`,
    downgrade: `  op.dropColumn('${table}', '${column}');`,
  };
}

/** One revision file's text, as `alembic-ts revision` writes it from the generic template. */
export function renderRevision(k: number, kind: ChainKind): string {
  const rev = revisionId(k);
  const down = k > 1 ? revisionId(k - 1) : null;
  const { message, imports, upgrade, downgrade } = body(k, kind);
  return `/**
 * ${message}
 *
 * Revision ID: ${rev}
 * Revises: ${down ?? ''}
 * Create Date: 2024-01-01 00:00:00+00:00
 */
import { ${['type Operations', ...imports].join(', ')} } from 'alembic-ts';

export const revision = '${rev}';
export const downRevision: string | string[] | null = ${down === null ? 'null' : `'${down}'`};
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {
${upgrade}
}

export async function downgrade(op: Operations): Promise<void> {
${downgrade}
}
`;
}

/** Writes `<rev>_r<k>.ts` for k = 1..count into `dir`; returns the head revision id. */
export function writeChain(count: number, kind: ChainKind, dir: string): string {
  if (!Number.isInteger(count) || count < 1) throw new Error(`a chain needs at least 1 revision, got ${count}`);
  mkdirSync(dir, { recursive: true });
  for (let k = 1; k <= count; k++) {
    writeFileSync(join(dir, `${revisionId(k)}_r${pad(k, 5)}.ts`), renderRevision(k, kind));
  }
  return revisionId(count);
}
