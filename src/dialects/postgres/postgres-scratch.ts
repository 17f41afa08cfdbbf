/**
 * `check --dev-url`: a database created for one check on the given server and dropped
 * afterwards, so CI needs no long-lived database.
 */
import { randomBytes } from 'node:crypto';
import type { PostgresUrl } from '../../config/url.js';
import type { Dialect } from '../dialect.js';
import { connectPostgres } from './postgres-driver.js';
import { quoteIdentifier } from './postgres-quote.js';

export async function createScratchDatabase(url: PostgresUrl, dialect: Dialect): Promise<{ url: PostgresUrl; drop(): Promise<void> }> {
  const name = `alembic_ts_check_${randomBytes(6).toString('hex')}`;
  const admin = await connectPostgres(url, dialect);
  try {
    await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  } finally {
    await admin.close();
  }
  return {
    url: { ...url, database: name },
    async drop() {
      const conn = await connectPostgres(url, dialect);
      try {
        await conn.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      } finally {
        await conn.close();
      }
    },
  };
}
