/**
 * Internals the benchmarks time in-process (bench/inproc/dist.ts), built as dist/internals.js
 * from the same chunks as the package. Not in package.json's exports: not a public API.
 */
export { loadDialect } from './dialects/registry.js';
export { parseDatabaseUrl } from './config/parse-url.js';
export { collectTables, createAll, schemaSnapshot } from './schema/index.js';
export { compareSnapshots } from './autogenerate/compare/compare-snapshots.js';
export { fixedResolver } from './autogenerate/resolver/fixed-resolver.js';
