import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { CONFIG_KEYS } from '../../src/config/config-keys.js';

const root = new URL('../../', import.meta.url);
const readJson = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(name, root), 'utf8')) as Record<string, unknown>;

/** What alembic.config.schema.json must hold: the key list, shape for shape. */
function expectedSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    $schema: { type: 'string', description: 'Path or URL of this JSON schema, for editors.' },
  };
  for (const key of CONFIG_KEYS) {
    properties[key.name] = { description: key.description, ...key.shape, default: key.default };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'alembic-ts config (alembic.config.json)',
    description: 'See alembic.config.example.json for every key with its default.',
    type: 'object',
    properties,
    patternProperties: { '^\\$comment': {} },
    additionalProperties: false,
  };
}

describe('config keys', () => {
  test('the JSON schema describes exactly the config keys, with their shapes, defaults and descriptions', () => {
    assert.deepEqual(readJson('alembic.config.schema.json'), expectedSchema());
  });

  test('the example config lists every key with its default and an explanation, and nothing else', () => {
    const example = readJson('alembic.config.example.json');
    const keys = Object.keys(example).filter((key) => !key.startsWith('$'));
    assert.deepEqual(keys, CONFIG_KEYS.map((key) => key.name));
    for (const key of CONFIG_KEYS) {
      assert.deepEqual(example[key.name], key.default, `default of ${key.name}`);
      assert.equal(example[`$comment:${key.name}`], key.description, `explanation of ${key.name}`);
    }
  });
});
