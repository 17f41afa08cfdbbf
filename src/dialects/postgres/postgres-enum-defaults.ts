/**
 * A default on an enum column ends in a cast to the enum type (`'new'::status`). The server
 * prints that cast schema-qualified when the type's schema is not on the search path, but
 * a model's default cannot know the search path. So snapshots hold the cast unqualified
 * (the enum lives in its table's schema) and the DDL qualifies it again.
 */
import type { ColumnType } from '../../snapshot/types.js';
import { quoteIdentifier } from './postgres-quote.js';

function enumName(type: ColumnType): string | null {
  if (type.name === 'enum') return type.enumName;
  return type.name === 'array' ? enumName(type.of) : null;
}

function swapCastSuffix(sql: string, from: string, to: string): string {
  const match = /(\[\])*$/.exec(sql);
  const arrays = match?.[0] ?? '';
  const body = sql.slice(0, sql.length - arrays.length);
  return body.endsWith(`::${from}`) ? `${body.slice(0, body.length - from.length)}${to}${arrays}` : sql;
}

/** The default as DDL must write it in a table of `schema`. */
export function qualifyEnumDefault(sql: string, type: ColumnType, schema: string | null): string {
  const name = enumName(type);
  if (name === null || schema === null) return sql;
  return swapCastSuffix(sql, quoteIdentifier(name), `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`);
}

/** The default as a snapshot holds it, from the server's print in a table of `schema`. */
export function unqualifyEnumDefault(sql: string, type: ColumnType, schema: string): string {
  const name = enumName(type);
  if (name === null) return sql;
  return swapCastSuffix(sql, `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`, quoteIdentifier(name));
}
