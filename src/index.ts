/**
 * The package entry: the model language (SPEC section 3), the types revision files use
 * (section 4), and the programmatic API (section 8). Explicit named exports only.
 */
export {
  sql,
  isSqlFragment,
  integer,
  bigInteger,
  smallInteger,
  string,
  text,
  boolean,
  float,
  double,
  numeric,
  date,
  dateTime,
  time,
  json,
  binary,
  uuid,
  enumType,
  customType,
  index,
  unique,
  primaryKey,
  foreignKey,
  table,
  isTable,
  MetaData,
  isMetaData,
  DEFAULT_NAMING_CONVENTION,
  createAll,
  dropAll,
} from './schema/index.js';
export type {
  SqlFragment,
  ColumnBuilder,
  ColumnRef,
  DefaultValue,
  ReferenceOptions,
  TableExtra,
  ForeignKeyOptions,
  Table,
  TableColumns,
  TableExtras,
  TableOptions,
  MetaDataOptions,
  NamingConvention,
  NamingConventionInput,
  TablesInput,
} from './schema/index.js';
export { check } from './api/check-export.js';
export type { CheckOptions, CheckProblem, CheckResult } from './api/check.js';
export type { Operations, BatchOperations, AlterColumnOptions, CreateIndexOptions } from './operations/operations.js';

export { upgrade, downgrade, stamp, current, upgradeScript, downgradeScript, stampScript } from './api/migrate.js';
export type { MigrateOptions, StampApiOptions, RunResult, StampResult, CurrentWithRevisions } from './api/migrate.js';
export { revision, merge } from './api/revision.js';
export type { RevisionOptions, RevisionResult, MergeOptions } from './api/revision.js';
export { heads, branches, history, show } from './api/inspect-graph.js';
export type { RevisionInfo, HistoryOptions } from './api/inspect-graph.js';
export { init, listTemplates } from './api/init.js';
export type { RunOptions, ProgressEvent } from './api/run-options.js';
export { loadConfig } from './config/load-config.js';
export type { Config } from './config/config.js';
export { parseDatabaseUrl, redactUrl } from './config/parse-url.js';
export type { DatabaseUrl } from './config/url.js';
export { AlembicError, ConfigError, RevisionError, MigrationError } from './errors.js';
export { PostWriteHookError, type PostWriteHookEvent } from './script/post-write-hooks.js';
export type { SchemaSnapshot, TableSnapshot, ColumnSnapshot, ColumnType } from './snapshot/types.js';
export type { Op } from './operations/ops.js';
