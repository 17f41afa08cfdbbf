/**
 * The SQLite dialect (better-sqlite3). Rebuilds stand in for the ALTERs SQLite lacks, so
 * every operation works; see sqlite-rebuild.ts for how rows, triggers and views survive.
 */
import { AlembicError } from '../../errors.js';
import type { Dialect } from '../dialect.js';
import { createTableStatements } from './sqlite-create-table.js';
import { compileSqlite } from './sqlite-ddl.js';
import { normalizeSqliteDefault, normalizeSqliteExpression, sameSqliteDefault } from './sqlite-defaults.js';
import { connectSqlite } from './sqlite-driver.js';
import { quoteSqliteIdentifier } from './sqlite-identifiers.js';
import { introspectSqlite, readSqliteStoredObjects } from './sqlite-introspector.js';
import { createSqliteScratchDatabase } from './sqlite-scratch.js';
import { normalizeType, typeToSql } from './sqlite-types.js';
import { sqliteLiteral } from './sqlite-values.js';

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  capabilities: {
    transactionalDdl: true,
    schemas: false,
    namedEnums: false,
    comments: false,
    alterColumn: false,
    maxIdentifierLength: null,
    autoincrement: 'integerKey',
  },
  quoteIdentifier: quoteSqliteIdentifier,
  literal: sqliteLiteral,
  typeToSql,
  normalizeType,
  normalizeDefault: normalizeSqliteDefault,
  normalizeExpression: normalizeSqliteExpression,
  sameDefault: sameSqliteDefault,
  async connect(url) {
    if (url.dialect !== 'sqlite') throw new AlembicError('E_DIALECT', `the SQLite dialect cannot open a ${url.dialect} URL`);
    return connectSqlite(sqliteDialect, url);
  },
  introspect: introspectSqlite,
  readStoredObjects: readSqliteStoredObjects,
  compile: compileSqlite,
  createScratchDatabase: createSqliteScratchDatabase,
  createTableStatements,
};
