// An identity-ish dialect for pure unit tests of the DSL: types and expressions pass
// through unchanged, literals are quoted SQL style.
import type { SnapshotDialect } from '../../src/schema/to-snapshot.js';

export function fakeDialect(overrides: Partial<SnapshotDialect['capabilities']> = {}): SnapshotDialect {
  const literal = (value: unknown): string =>
    typeof value === 'string' ? `'${value.replaceAll("'", "''")}'` : String(value);
  return {
    name: 'fake',
    capabilities: {
      transactionalDdl: true,
      schemas: true,
      namedEnums: true,
      comments: true,
      alterColumn: true,
      maxIdentifierLength: 63,
      ...overrides,
    },
    literal,
    normalizeType: (type) => type,
    normalizeDefault: (value) => ('sql' in value ? value.sql : literal(value.literal)),
    normalizeExpression: (sql) => sql,
  };
}
