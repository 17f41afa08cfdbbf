import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixedResolver } from '../../src/autogenerate/resolver/fixed-resolver.js';
import type { DropQuestion, RenameQuestion, RenameResolver } from '../../src/autogenerate/resolver/rename-resolver.js';
import type { ForeignKeySnapshot } from '../../src/snapshot/types.js';
import { col, compare, idTable, kinds, snap, tbl, varchar } from '../helpers/snapshot-builders.js';

const users = (nameColumn = 'name', type = varchar(50)) => idTable('users', [col(nameColumn, type, { nullable: false })]);

describe('rename resolver: tables', () => {
  test('a table rename answered up front becomes renameTable, plus the alters for what else changed', async () => {
    const result = await compare(
      snap([tbl('people', [col('name', varchar(80))])]),
      snap([tbl('users', [col('name', varchar(50))])]),
      { resolver: fixedResolver({ renames: { table: [['users', 'people']] } }) },
    );
    assert.deepEqual(kinds(result), ['renameTable', 'alterColumn']);
    assert.deepEqual(result.ops[0], { kind: 'renameTable', schema: null, table: 'users', newName: 'people' });
    assert.deepEqual(result.openDecisions, []);
    assert.deepEqual(result.decisions.map((d) => d.answer), ['rename users to people']);
  });

  test('without answers, a drop plus an add is left open with the flags that answer it, and nothing is dropped', async () => {
    const resolver = fixedResolver();
    const result = await compare(snap([idTable('people')]), snap([idTable('users')]), { resolver });
    assert.deepEqual(result.openDecisions, [
      {
        kind: 'renameTable',
        description: 'Is table people new, or a rename of users?',
        flags: ['--rename-table users=people', '--allow-drop'],
      },
      { kind: 'drop', description: 'Drop table users? Its rows will be lost.', flags: ['--allow-drop'] },
    ]);
    assert.deepEqual(kinds(result), ['createTable']);
    assert.equal(resolver.unanswered.length, 2);
  });

  test('--allow-drop answers both: the old table is dropped and the new one created', async () => {
    const result = await compare(snap([idTable('people')]), snap([idTable('users')]), {
      resolver: fixedResolver({ allowDrop: true }),
    });
    assert.deepEqual(kinds(result), ['dropTable', 'createTable']);
    assert.deepEqual(result.openDecisions, []);
  });

  test('tables in a named schema are spelled schema.table in flags and answers', async () => {
    const inApp = (name: string) => ({ ...tbl(name, [col('id')]), schema: 'app' });
    const open = await compare(snap([inApp('people')]), snap([inApp('users')]), { resolver: fixedResolver() });
    assert.deepEqual(open.openDecisions[0]?.flags, ['--rename-table app.users=people', '--allow-drop']);
    const answered = await compare(snap([inApp('people')]), snap([inApp('users')]), {
      resolver: fixedResolver({ renames: { table: [['app.users', 'people']] } }),
    });
    assert.deepEqual(answered.ops, [{ kind: 'renameTable', schema: 'app', table: 'users', newName: 'people' }]);
  });

  const childOf = (parent: string): ForeignKeySnapshot => ({
    name: 'fk_child_p',
    columns: ['p_id'],
    referredSchema: null,
    referredTable: parent,
    referredColumns: ['id'],
    onDelete: null,
    onUpdate: null,
  });
  const child = (parent: string) => idTable('child', [col('p_id')], { foreignKeys: [childOf(parent)] });

  test('a renamed table keeps the foreign keys that point at it', async () => {
    const parent2 = idTable('parent2', [], { primaryKey: { name: 'pk_parent', columns: ['id'] } });
    const result = await compare(snap([child('parent2'), parent2]), snap([child('parent'), idTable('parent')]), {
      resolver: fixedResolver({ renames: { table: [['parent', 'parent2']] } }),
    });
    assert.deepEqual(kinds(result), ['renameTable']);
  });

  test('a primary key renamed with its table is recreated, and the foreign keys that depend on it around it', async () => {
    const result = await compare(snap([child('parent2'), idTable('parent2')]), snap([child('parent'), idTable('parent')]), {
      resolver: fixedResolver({ renames: { table: [['parent', 'parent2']] } }),
    });
    assert.deepEqual(
      result.ops.map((op) => `${op.kind} ${'name' in op ? op.name : 'constraint' in op ? op.constraint.name : ''}`),
      [
        'renameTable ',
        'dropConstraint fk_child_p',
        'dropConstraint pk_parent',
        'createPrimaryKey pk_parent2',
        'createForeignKey fk_child_p',
      ],
    );
    assert.deepEqual(result.ops[4], { kind: 'createForeignKey', schema: null, table: 'child', constraint: childOf('parent2') });
  });
});

describe('rename resolver: columns', () => {
  test('a column rename answered with --rename becomes renameColumn', async () => {
    const result = await compare(snap([users('full_name')]), snap([users('name')]), {
      resolver: fixedResolver({ renames: { column: [['users', 'name', 'full_name']] } }),
    });
    assert.deepEqual(result.ops, [{ kind: 'renameColumn', schema: null, table: 'users', column: 'name', newName: 'full_name' }]);
  });

  test('a renamed column whose type also changed is renamed, then altered', async () => {
    const result = await compare(snap([users('full_name', varchar(100))]), snap([users('name')]), {
      resolver: fixedResolver({ renames: { column: [['users', 'name', 'full_name']] } }),
    });
    assert.deepEqual(kinds(result), ['renameColumn', 'alterColumn']);
    const alter = result.ops[1];
    assert.equal(alter?.kind === 'alterColumn' && alter.existing?.name, 'full_name');
  });

  test('an open column rename names the --rename flag', async () => {
    const result = await compare(snap([users('full_name')]), snap([users('name')]), { resolver: fixedResolver() });
    assert.deepEqual(result.openDecisions, [
      {
        kind: 'renameColumn',
        description: 'Is column users.full_name new, or a rename of users.name?',
        flags: ['--rename users.name=full_name', '--allow-drop'],
      },
      { kind: 'drop', description: 'Drop column users.name? Its data will be lost.', flags: ['--allow-drop'] },
    ]);
    assert.deepEqual(kinds(result), ['addColumn']);
  });

  test('a CHECK on a renamed column follows the rename instead of being recreated', async () => {
    const table = (column: string) =>
      idTable('t', [col(column, varchar())], { checkConstraints: [{ name: 'ck_t_len', sql: `length(${column}) > 0` }] });
    const result = await compare(snap([table('title')]), snap([table('name')]), {
      resolver: fixedResolver({ renames: { column: [['t', 'name', 'title']] } }),
    });
    assert.deepEqual(kinds(result), ['renameColumn']);
  });

  test('a question left open is withdrawn when a later answer takes its only candidate', async () => {
    const result = await compare(
      snap([idTable('t', [col('a_new'), col('b_new')])]),
      snap([idTable('t', [col('old')])]),
      { resolver: fixedResolver({ renames: { column: [['t', 'old', 'b_new']] } }) },
    );
    assert.deepEqual(result.openDecisions, []);
    assert.deepEqual(kinds(result), ['renameColumn', 'addColumn']);
  });
});

describe('rename resolver: the questions', () => {
  test('each question is data a terminal can prompt with: a description and choices, same type first', async () => {
    const asked: (RenameQuestion | DropQuestion)[] = [];
    const resolver: RenameResolver = {
      table: async () => undefined,
      column: async (q) => {
        asked.push(q);
        return q.choices[0]?.renamedFrom;
      },
      enumValue: async () => undefined,
      confirmDrop: async (q) => {
        asked.push(q);
        return false;
      },
    };
    const result = await compare(
      snap([idTable('t', [col('title', varchar())])]),
      snap([idTable('t', [col('a_count'), col('name', varchar())])]),
      { resolver },
    );
    assert.deepEqual(asked, [
      {
        kind: 'column',
        schema: null,
        parent: 't',
        added: 'title',
        choices: [
          { label: 'rename t.name to title', renamedFrom: 'name' },
          { label: 'rename t.a_count to title', renamedFrom: 'a_count' },
          { label: 'add t.title as a new column', renamedFrom: null },
        ],
        description: 'Is column t.title new, or a rename of t.name or t.a_count?',
      },
      { kind: 'column', schema: null, parent: 't', name: 'a_count', description: 'Drop column t.a_count? Its data will be lost.' },
    ]);
    // A refused drop is a decision, not an open one: the column stays.
    assert.deepEqual(kinds(result), ['renameColumn']);
    assert.deepEqual(result.openDecisions, []);
    assert.deepEqual(result.decisions.map((d) => d.answer), ['rename t.name to title', 'keep']);
  });

  test('no question is asked when nothing was dropped', async () => {
    const resolver = fixedResolver();
    await compare(snap([idTable('t', [col('a')]), idTable('u')]), snap([idTable('t')]), { resolver });
    assert.deepEqual(resolver.unanswered, []);
  });

  test('an answer naming a column that was not dropped does not count', async () => {
    const result = await compare(snap([users('full_name')]), snap([users('name')]), {
      resolver: fixedResolver({ renames: { column: [['users', 'nick', 'full_name']] } }),
    });
    assert.equal(result.openDecisions.length, 2);
  });
});
