/**
 * B1's "live" database: the base models created with alembic-ts's own `createAll`, as
 * shared/bench/b1_inproc.py `create` does with SQLAlchemy's `metadata.create_all`.
 *
 * The tables go in batches: one transaction creating 2,000 tables with their indexes and
 * constraints needs more locks than PostgreSQL's default lock table holds
 * (max_locks_per_transaction 64 × max_connections), and fails with "out of shared memory".
 * Every foreign key refers to a table of a lower number, so batches in order are complete.
 *
 * usage: node --import tsx bench/inproc/create-live.ts URL BASE_MODELS.ts
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { collectTables, createAll } from '../../src/schema/index.js';
import { DIST } from '../paths.js';

const BATCH = 250;

const [url, modelsArg] = process.argv.slice(2);
if (url === undefined || modelsArg === undefined) throw new Error('usage: create-live.ts URL BASE_MODELS.ts');

// dist/internals.js shares its chunks with dist/index.js, which the models import: one instance.
const schema = (await import(pathToFileURL(join(DIST, 'internals.js')).href)) as {
  createAll: typeof createAll;
  collectTables: typeof collectTables;
};
const models = (await import(pathToFileURL(resolve(modelsArg)).href)) as Record<string, unknown>;
const tables = schema.collectTables([models]);
const start = Date.now();
for (let i = 0; i < tables.length; i += BATCH) await schema.createAll(tables.slice(i, i + BATCH), url);
process.stdout.write(`createAll: ${tables.length} tables in ${Date.now() - start} ms\n`);
