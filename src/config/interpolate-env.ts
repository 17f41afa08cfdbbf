/**
 * `${VAR}` and `${VAR:-fallback}` in config strings, as a shell reads them: the fallback is
 * used when VAR is unset or empty. A `$` not followed by `{` is kept, so passwords with `$`
 * need no escaping.
 */
import { ConfigError } from '../errors.js';

/** The environment variables (`process.env`); a plain type, so users need no @types/node. */
export type Environment = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export function interpolateEnv(value: string, env: Environment, key: string, file: string): string {
  return value.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
    const set = env[name];
    if (fallback !== undefined) return set === undefined || set === '' ? fallback : set;
    if (set === undefined) {
      throw new ConfigError(
        'E_CONFIG_ENV',
        `environment variable ${name} is not set (used by "${key}" in ${file})`,
        { hint: `export ${name}=..., or write \${${name}:-fallback} in the config` },
      );
    }
    return set;
  });
}
