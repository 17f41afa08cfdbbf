/**
 * Session settings a revision's statements need in effect (SQLite `foreign_keys = OFF` for a
 * table rebuild). They are set before BEGIN, because SQLite ignores `PRAGMA foreign_keys`
 * inside a transaction, and put back after COMMIT or ROLLBACK.
 */
import type { Connection, Statement } from '../dialects/dialect.js';
import type { DialectRuntime } from '../dialects/dialect-runtime.js';

export interface SessionSetting {
  readonly name: string;
  readonly value: string;
}

/** Distinct by name; the first statement that asks for a setting decides its value. */
export function settingsOf(statements: readonly Statement[]): SessionSetting[] {
  const byName = new Map<string, SessionSetting>();
  for (const statement of statements) {
    const setting = statement.sessionSetting;
    if (setting !== undefined && !byName.has(setting.name)) byName.set(setting.name, setting);
  }
  return [...byName.values()];
}

/** `a` with the settings of `b` it does not name yet. */
export function mergeSettings(a: readonly SessionSetting[], b: readonly SessionSetting[]): SessionSetting[] {
  return [...a, ...b.filter((setting) => !a.some((s) => s.name === setting.name))];
}

export function sameSettings(a: readonly SessionSetting[], b: readonly SessionSetting[]): boolean {
  const key = (settings: readonly SessionSetting[]): string =>
    JSON.stringify([...settings].sort((x, y) => x.name.localeCompare(y.name)));
  return key(a) === key(b);
}

/** Applies the settings and returns what puts the previous values back. */
export async function applySettings(
  conn: Connection,
  runtime: DialectRuntime,
  settings: readonly SessionSetting[],
): Promise<() => Promise<void>> {
  const previous: SessionSetting[] = [];
  try {
    for (const setting of settings) {
      previous.push({ name: setting.name, value: await runtime.readSessionSetting(conn, setting.name) });
      const statement = runtime.setSessionSetting(setting.name, setting.value);
      await conn.query(statement.sql, statement.params);
    }
  } catch (error: unknown) {
    await restore(conn, runtime, previous);
    throw error;
  }
  return () => restore(conn, runtime, previous);
}

async function restore(conn: Connection, runtime: DialectRuntime, previous: readonly SessionSetting[]): Promise<void> {
  for (const setting of [...previous].reverse()) {
    const statement = runtime.setSessionSetting(setting.name, setting.value);
    await conn.query(statement.sql, statement.params);
  }
}
