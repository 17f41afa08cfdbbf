/**
 * `--rename users.name=full_name` and `--rename-table old=new`, parsed into the fixed
 * resolver's answers. A malformed flag is a usage error naming it.
 */
import type { FixedAnswers } from '../autogenerate/resolver/fixed-resolver.js';
import { ConfigError } from '../errors.js';

function split(flag: string, value: string, example: string): [string, string] {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) {
    throw new ConfigError('E_BAD_RENAME_FLAG', `${flag} expects ${example}, got "${value}"`);
  }
  return [value.slice(0, eq), value.slice(eq + 1)];
}

export function renameAnswers(columns: readonly string[], tables: readonly string[], allowDrop: boolean): FixedAnswers {
  const column = columns.map((value): [string, string, string] => {
    const [qualified, to] = split('--rename', value, 'TABLE.OLD=NEW');
    const dot = qualified.lastIndexOf('.');
    if (dot <= 0) throw new ConfigError('E_BAD_RENAME_FLAG', `--rename expects TABLE.OLD=NEW, got "${value}"`);
    return [qualified.slice(0, dot), qualified.slice(dot + 1), to];
  });
  const table = tables.map((value) => split('--rename-table', value, 'OLD=NEW'));
  return { renames: { table, column }, allowDrop };
}
