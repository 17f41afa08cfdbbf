/**
 * Checks a parsed config value against a `ValueShape` and throws the first problem as a
 * one-line ConfigError naming the key and the file. Values are never quoted in messages
 * (a string could be a URL with a password); only their JSON type is.
 */
import { ConfigError } from '../errors.js';
import { isIgnoredKey, type ValueShape } from './config-keys.js';
import { nearestKey } from './nearest-key.js';

export function validateShape(value: unknown, shape: ValueShape, path: string, file: string): void {
  if ('anyOf' in shape) {
    const branch = shape.anyOf.find((s) => matchesType(value, s));
    if (branch === undefined) throw typeError(value, shape, path, file);
    validateShape(value, branch, path, file);
    return;
  }
  if (!matchesType(value, shape)) throw typeError(value, shape, path, file);
  if (shape.type === 'string' && shape.minLength !== undefined && (value as string).length < shape.minLength) {
    throw typeError(value, shape, path, file);
  }
  if (shape.type === 'integer' && shape.minimum !== undefined && (value as number) < shape.minimum) {
    throw typeError(value, shape, path, file);
  }
  if (shape.type === 'array') {
    (value as unknown[]).forEach((item, i) => validateShape(item, shape.items, `${path}[${i}]`, file));
  }
  if (shape.type === 'object') validateObject(value as Record<string, unknown>, shape, path, file);
}

function validateObject(
  value: Record<string, unknown>,
  shape: Extract<ValueShape, { type: 'object' }>,
  path: string,
  file: string,
): void {
  const known = Object.keys(shape.properties);
  const prefix = path === '' ? '' : `${path}.`;
  for (const key of Object.keys(value)) {
    if (known.includes(key) || (path === '' && isIgnoredKey(key))) continue;
    const suggestion = nearestKey(key, known);
    const help =
      suggestion === undefined ? `valid keys: ${known.join(', ')}` : `did you mean "${prefix}${suggestion}"?`;
    throw new ConfigError('E_CONFIG_UNKNOWN_KEY', `unknown key "${prefix}${key}" in ${file} (${help})`);
  }
  for (const key of shape.required ?? []) {
    if (!(key in value)) throw new ConfigError('E_CONFIG_MISSING_KEY', `missing key "${prefix}${key}" in ${file}`);
  }
  for (const [key, propertyShape] of Object.entries(shape.properties)) {
    if (key in value) validateShape(value[key], propertyShape, `${prefix}${key}`, file);
  }
}

function matchesType(value: unknown, shape: ValueShape): boolean {
  if ('anyOf' in shape) return shape.anyOf.some((s) => matchesType(value, s));
  switch (shape.type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

function typeError(value: unknown, shape: ValueShape, path: string, file: string): ConfigError {
  const where = path === '' ? `wrong type in ${file}` : `wrong type for "${path}" in ${file}`;
  const expected = path === '' ? 'a JSON object' : describeShape(shape);
  return new ConfigError('E_CONFIG_TYPE', `${where}: expected ${expected}, got ${describeValue(value)}`);
}

function describeShape(shape: ValueShape): string {
  if ('anyOf' in shape) return shape.anyOf.map(describeShape).join(' or ');
  switch (shape.type) {
    case 'string':
      return shape.minLength === 1 ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'integer':
      return shape.minimum === undefined ? 'an integer' : `an integer >= ${shape.minimum}`;
    case 'null':
      return 'null';
    case 'array':
      return `an array of ${'type' in shape.items ? `${shape.items.type}s` : 'values'}`;
    case 'object':
      return `an object with ${Object.keys(shape.properties).map((k) => `"${k}"`).join(', ')}`;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return `number ${value}`;
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  if (typeof value === 'boolean') return `${value}`;
  return 'an object';
}
