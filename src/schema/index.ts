/** The public model DSL, re-exported by the package entry. */
export { sql, isSqlFragment, type SqlFragment } from './sql.js';
export {
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
} from './column-types.js';
export {
  ColumnBuilder,
  isColumnBuilder,
  isColumnRef,
  type ColumnRef,
  type DefaultValue,
  type ReferenceOptions,
  type ReferenceTarget,
  type ReferentialActionInput,
} from './column.js';
export {
  index,
  unique,
  check,
  primaryKey,
  foreignKey,
  IndexBuilder,
  UniqueBuilder,
  type TableExtra,
  type ForeignKeyOptions,
  type ColumnInput,
  type IndexElementInput,
  type SqlInput,
} from './table-extras.js';
export { table, isTable, type Table, type TableColumns, type TableExtras, type TableOptions } from './table.js';
export { MetaData, isMetaData, type MetaDataOptions } from './metadata.js';
export {
  DEFAULT_NAMING_CONVENTION,
  type NamingConvention,
  type NamingConventionInput,
} from './naming-convention.js';
export { tableSnapshot, schemaSnapshot, type SnapshotDialect } from './to-snapshot.js';
export { collectTables } from './collect-tables.js';
export { createAll, dropAll, type TablesInput } from './create-all.js';
