import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderRevisionBodies } from '../../src/autogenerate/render/render-revision.js';
import { reverseOpsPartially } from '../../src/operations/reverse.js';
import type { Op } from '../../src/operations/ops.js';
import { col, compare, idTable, snap, varchar } from '../helpers/snapshot-builders.js';

describe('render: revision bodies', () => {
  test('no ops render as a body that does nothing', () => {
    assert.deepEqual(renderRevisionBodies([], []), {
      imports: "import { type Operations } from 'alembic-ts';",
      importMap: {},
      upgrade: '  // no changes',
      downgrade: '  // no changes',
    });
  });

  test('a dropped table comes back whole in the downgrade', async () => {
    const books = idTable('books', [col('title', varchar(200), { nullable: false })]);
    const { ops } = await compare(snap([]), snap([books]));
    const out = renderRevisionBodies(ops, reverseOpsPartially(ops));
    assert.equal(out.upgrade, "  op.dropTable('books');");
    assert.equal(
      out.downgrade,
      ["  op.createTable('books', {", '    id: integer().primaryKey(),', '    title: string(200).notNull(),', '  });'].join('\n'),
    );
    assert.equal(out.imports, "import { type Operations, integer, string } from 'alembic-ts';");
  });

  test('imports list only what the bodies use, in one sorted line per module, and as a map', () => {
    const ops: Op[] = [
      { kind: 'createCheckConstraint', schema: null, table: 't', constraint: { name: 'ck', sql: 'a > 0' } },
      { kind: 'addColumn', schema: null, table: 't', column: col('d', { name: 'jsonb' }) },
      { kind: 'addColumn', schema: null, table: 't', column: col('b', { name: 'text' }) },
    ];
    const out = renderRevisionBodies(ops, []);
    assert.equal(
      out.imports,
      "import { type Operations, sql, text } from 'alembic-ts';\nimport { jsonb } from 'alembic-ts/postgresql';",
    );
    assert.deepEqual(out.importMap, { 'alembic-ts': ['sql', 'text'], 'alembic-ts/postgresql': ['jsonb'] });
  });

  test('a step without a reverse stays in the downgrade as a comment with the reason', () => {
    const op: Op = { kind: 'addEnumValue', schema: null, name: 'mood', value: 'happy', before: null, after: 'ok' };
    const out = renderRevisionBodies([op], reverseOpsPartially([op]));
    assert.equal(
      out.downgrade,
      [
        '  // Not reversed automatically: PostgreSQL cannot remove a value from an enum type.',
        "  // op.addEnumValue('mood', 'happy', { after: 'ok' });",
      ].join('\n'),
    );
  });

  test('the same ops always render the same bytes', async () => {
    const { ops } = await compare(
      snap([idTable('a', [col('x', varchar(), { default: "'x'::character varying" })]), idTable('b')]),
      snap([idTable('a', [col('x', varchar(10))])]),
    );
    const first = renderRevisionBodies(ops, reverseOpsPartially(ops));
    const second = renderRevisionBodies(structuredClone(ops), reverseOpsPartially(structuredClone(ops)));
    assert.deepEqual(second, first);
  });
});
