/** Argument checks shared by the model DSL and the `op` object: every error names its caller. */
import { AlembicError } from '../errors.js';

export function argumentError(where: string, message: string, hint?: string): AlembicError {
  return new AlembicError('E_ARGUMENT', `${where}: ${message}`, hint === undefined ? {} : { hint });
}

export function checkOptions(options: unknown, allowed: readonly string[], where: string): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw argumentError(where, `options must be an object, got ${JSON.stringify(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw argumentError(where, `unknown option "${key}"`, `known options: ${allowed.join(', ')}`);
    }
  }
}

export function requireName(value: unknown, where: string, what = 'name'): string {
  if (typeof value !== 'string' || value === '') {
    throw argumentError(where, `${what} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function optionalName(value: unknown, where: string, what = 'name'): string | null {
  return value === undefined || value === null ? null : requireName(value, where, what);
}
