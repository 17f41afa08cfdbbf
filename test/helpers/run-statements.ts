import type { Connection, Statement } from '../../src/dialects/dialect.js';

/** Runs compiled statements as the runner would: transactional ones in one transaction, the others alone. */
export async function runStatements(conn: Connection, statements: readonly Statement[]): Promise<void> {
  if (!statements.every((s) => s.transactional)) {
    for (const s of statements) await conn.query(s.sql, s.params);
    return;
  }
  await conn.query('BEGIN');
  try {
    for (const s of statements) await conn.query(s.sql, s.params);
    await conn.query('COMMIT');
  } catch (error) {
    await conn.query('ROLLBACK');
    throw error;
  }
}
