/**
 * The PostgreSQL dialect (PostgreSQL 12 and later, driver `pg`).
 */
import type { DatabaseUrl } from '../../config/url.js';
import { ConfigError } from '../../errors.js';
import type { Dialect } from '../dialect.js';
import { compile } from './postgres-ddl.js';
import { createTableStatements } from './postgres-ddl-table.js';
import { normalizeDefault } from './postgres-defaults.js';
import { connectPostgres } from './postgres-driver.js';
import { canonicalExpression } from './postgres-expression.js';
import { introspect } from './postgres-introspector.js';
import { literal, quoteIdentifier } from './postgres-quote.js';
import { createScratchDatabase } from './postgres-scratch.js';
import { normalizeType, typeToSql } from './postgres-types.js';

export const postgresDialect: Dialect = {
  name: 'postgresql',
  capabilities: {
    transactionalDdl: true,
    schemas: true,
    namedEnums: true,
    comments: true,
    alterColumn: true,
    maxIdentifierLength: 63,
  },
  quoteIdentifier,
  literal,
  typeToSql: (type) => typeToSql(type),
  normalizeType,
  normalizeDefault,
  normalizeExpression: canonicalExpression,
  // The server compares defaults by value (Alembic runs `SELECT a = b`); without one, the
  // canonical spelling drops the casts the server adds and the parentheses it keeps.
  sameDefault: (model, database) => canonicalExpression(model) === canonicalExpression(database),
  connect(url: DatabaseUrl) {
    if (url.dialect !== 'postgresql') {
      return Promise.reject(new ConfigError('E_URL_DIALECT', `the PostgreSQL dialect cannot open a ${url.dialect} URL`));
    }
    return connectPostgres(url, postgresDialect);
  },
  createScratchDatabase(url: DatabaseUrl) {
    if (url.dialect !== 'postgresql') {
      return Promise.reject(new ConfigError('E_URL_DIALECT', `--dev-url must be a PostgreSQL URL for a PostgreSQL project, not ${url.dialect}`));
    }
    return createScratchDatabase(url, postgresDialect);
  },
  introspect,
  compile,
  createTableStatements,
};

export { canonicalExpression } from './postgres-expression.js';
export { sqlToType } from './postgres-types.js';
