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

/** `PARENT.OLD=NEW`, where PARENT may itself be `schema.name`. */
function splitQualified(flag: string, value: string, example: string): [string, string, string] {
  const [qualified, to] = split(flag, value, example);
  const dot = qualified.lastIndexOf('.');
  if (dot <= 0) throw new ConfigError('E_BAD_RENAME_FLAG', `${flag} expects ${example}, got "${value}"`);
  return [qualified.slice(0, dot), qualified.slice(dot + 1), to];
}

export interface RenameFlags {
  /** `--rename TABLE.OLD=NEW` */
  readonly columns?: readonly string[];
  /** `--rename-table OLD=NEW` */
  readonly tables?: readonly string[];
  /** `--rename-enum-value ENUM.OLD=NEW` */
  readonly enumValues?: readonly string[];
  readonly allowDrop?: boolean;
}

export function renameAnswers(flags: RenameFlags): FixedAnswers {
  return {
    renames: {
      table: (flags.tables ?? []).map((value) => split('--rename-table', value, 'OLD=NEW')),
      column: (flags.columns ?? []).map((value) => splitQualified('--rename', value, 'TABLE.OLD=NEW')),
      enumValue: (flags.enumValues ?? []).map((value) => splitQualified('--rename-enum-value', value, 'ENUM.OLD=NEW')),
    },
    allowDrop: flags.allowDrop === true,
  };
}
