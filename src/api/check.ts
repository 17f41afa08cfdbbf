/**
 * `check`, the CI gate. Every failure is collected, none stops the others: the graph has one
 * head per branch, the database is at head, no applied revision file changed, nothing was
 * left half-done, and the models agree with the database (or, with `devUrl`, with a scratch
 * database built from the migrations).
 */
import { createTwoFilesPatch } from 'diff';
import { compareSnapshots } from '../autogenerate/compare/compare-snapshots.js';
import { deepEqual } from '../autogenerate/compare/equality.js';
import { fixedResolver } from '../autogenerate/resolver/fixed-resolver.js';
import { parseDatabaseUrl } from '../config/parse-url.js';
import type { Dialect } from '../dialects/dialect.js';
import { loadDialect } from '../dialects/registry.js';
import type { Op } from '../operations/ops.js';
import { checksumProblems, describeChecksumProblem, readDatabaseState, unfinishedRevisions } from '../runtime/database-state.js';
import { upgrade as runUpgrade } from '../runtime/migrate.js';
import { sameHeads } from '../runtime/plan.js';
import { withConnection } from '../runtime/session.js';
import type { RunContext } from '../runtime/context.js';
import type { SchemaSnapshot, TableSnapshot } from '../snapshot/types.js';
import { checkOptions } from './api-arguments.js';
import { openProject, type Project } from './project.js';
import type { RunOptions } from './run-options.js';
import { comparedSnapshots, compareOptions, type ComparedSnapshots } from './schema-state.js';

export type CheckProblemKind = 'multipleHeads' | 'notAtHead' | 'unfinished' | 'checksum' | 'schemaDiffers';

export interface CheckProblem {
  readonly kind: CheckProblemKind;
  readonly message: string;
}

export interface CheckResult {
  readonly ok: boolean;
  readonly problems: readonly CheckProblem[];
  /** The upgrade ops that would bring the database to the models. */
  readonly ops: readonly Op[];
  /** Unified diff of the schema as DDL, database (-) to models (+); empty when they agree. */
  readonly diff: string;
}

export interface CheckOptions extends RunOptions {
  /** Compare the models with a scratch database built from the migrations instead of the live one. */
  readonly devUrl?: string;
}

export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  checkOptions('check', options, { devUrl: 'string' });
  const project = openProject(options);
  const graph = await project.graph();
  const problems: CheckProblem[] = [];
  if (graph.heads.length > 1 && new Set(graph.heads.map((h) => graph.node(h).branchLabels.join(','))).size < graph.heads.length) {
    problems.push({
      kind: 'multipleHeads',
      message: `the revision graph has ${graph.heads.length} heads (${graph.heads.join(', ')}); join them with \`alembic-ts merge heads -m "merge"\``,
    });
  }
  const ctx = await project.runContext();
  const compared =
    options.devUrl === undefined
      ? await checkLiveDatabase(project, ctx, problems)
      : await checkScratchDatabase(project, ctx, options.devUrl);
  if (compared.ops.length > 0) {
    problems.push({ kind: 'schemaDiffers', message: `the models and the database differ (${compared.ops.length} operation(s) to apply)` });
  }
  return { ok: problems.length === 0, problems, ops: compared.ops, diff: compared.diff };
}

interface Comparison {
  readonly ops: readonly Op[];
  readonly diff: string;
}

async function checkLiveDatabase(project: Project, ctx: RunContext, problems: CheckProblem[]): Promise<Comparison> {
  return withConnection(ctx, async (session) => {
    const state = await readDatabaseState(session.conn, session.runtime, session.tables);
    if (!sameHeads(state.heads, ctx.graph.heads)) {
      problems.push({
        kind: 'notAtHead',
        message:
          `the database is not at head (at ${state.heads.join(', ') || '<base>'}, ` +
          `${ctx.graph.heads.length > 1 ? 'heads are' : 'head is'} ${ctx.graph.heads.join(', ') || '<base>'}); ` +
          // With several heads `upgrade head` is an error: `heads` is the command that gets there.
          `run \`alembic-ts upgrade ${ctx.graph.heads.length > 1 ? 'heads' : 'head'}\``,
      });
    }
    for (const u of unfinishedRevisions(state.history)) {
      const leftBehind = state.leftovers.length === 0 ? '' : `; it left behind: ${state.leftovers.join('; ')}`;
      problems.push({ kind: 'unfinished', message: `revision ${u.revision} started outside a transaction and never finished${leftBehind}` });
    }
    for (const p of checksumProblems(state, ctx.graph)) problems.push({ kind: 'checksum', message: describeChecksumProblem(p) });
    return compareModels(project, session.dialect, await comparedSnapshots(project.config, session.dialect, session.conn));
  });
}

/** Builds the schema from the migrations in a scratch database, compares, and drops it. */
async function checkScratchDatabase(project: Project, ctx: RunContext, devUrl: string): Promise<Comparison> {
  const url = parseDatabaseUrl(devUrl, project.config.directory);
  const { dialect } = await loadDialect(url.dialect);
  const scratch = await dialect.createScratchDatabase(url);
  try {
    const conn = await dialect.connect(scratch.url);
    try {
      const scratchCtx: RunContext = { ...ctx, url: scratch.url, connection: conn, onProgress: () => undefined };
      await runUpgrade(scratchCtx, 'heads');
      const snapshots = await withConnection(scratchCtx, (session) => comparedSnapshots(project.config, session.dialect, session.conn));
      return await compareModels(project, dialect, snapshots);
    } finally {
      await conn.close();
    }
  } finally {
    await scratch.drop();
  }
}

async function compareModels(project: Project, dialect: Dialect, { models, database }: ComparedSnapshots): Promise<Comparison> {
  const result = await compareSnapshots(models, database, compareOptions(project.config, dialect, fixedResolver({ allowDrop: true })));
  if (result.ops.length === 0) return { ops: [], diff: '' };
  return { ops: result.ops, diff: schemaDiff(dialect, database, models) };
}

/** Unified diff of the two schemas as DDL, database (-) to models (+). */
export function schemaDiff(dialect: Dialect, database: SchemaSnapshot, models: SchemaSnapshot): string {
  const databaseDdl = schemaDdl(dialect, database);
  const modelsDdl = schemaDdl(dialect, models, databaseDdl.byTable);
  return createTwoFilesPatch('database', 'models', databaseDdl.text, modelsDdl.text, undefined, undefined, { context: 3 });
}

interface SchemaDdl {
  readonly text: string;
  /** Each table's statements, terminated, by `schema\0name`, with the table they were made from. */
  readonly byTable: ReadonlyMap<string, { readonly table: TableSnapshot; readonly statements: readonly string[] }>;
}

const tableKey = (t: TableSnapshot): string => `${t.schema ?? ''}\u0000${t.name}`;

/**
 * The schema as the DDL that would create it: what the unified diff compares. A table equal
 * to one in `known` (most models tables are equal to the database's) reuses its statements.
 */
function schemaDdl(dialect: Dialect, snapshot: SchemaSnapshot, known?: SchemaDdl['byTable']): SchemaDdl {
  const empty: SchemaSnapshot = { dialect: snapshot.dialect, tables: [], enums: [] };
  const enums = dialect.compile(
    snapshot.enums.map((e) => ({ kind: 'createEnum' as const, schema: e.schema, name: e.name, values: e.values })),
    { before: empty },
  );
  const terminated = (sql: string): string => `${sql};\n`;
  const byTable = new Map<string, { table: TableSnapshot; statements: readonly string[] }>();
  const parts = enums.map((statement) => terminated(statement.sql));
  for (const table of snapshot.tables) {
    const key = tableKey(table);
    const same = known?.get(key);
    const statements =
      same !== undefined && deepEqual(same.table, table)
        ? same.statements
        : dialect.createTableStatements(table).map((statement) => terminated(statement.sql));
    byTable.set(key, { table, statements });
    parts.push(...statements);
  }
  return { text: parts.join('\n'), byTable };
}
