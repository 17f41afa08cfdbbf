import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyConvention, constraintName, resolveNamingConvention } from '../../src/schema/naming-convention.js';

const subject = { table: 'orders', columns: ['user_id', 'item_id'], referredTable: 'users', referredColumns: ['id', 'x'], constraintName: null };

describe('naming conventions', () => {
  test('SQLAlchemy tokens fill from the table, columns and referred table', () => {
    assert.equal(applyConvention('%(table_name)s|%(column_0_name)s|%(column_1_name)s', subject), 'orders|user_id|item_id');
    assert.equal(applyConvention('%(column_0N_name)s|%(column_0_N_name)s', subject), 'user_iditem_id|user_id_item_id');
    assert.equal(applyConvention('%(column_0_label)s|%(referred_column_0_label)s', subject), 'orders_user_id|users_id');
    // SQLAlchemy's label puts the schema first, dots as underscores (ColumnClause._gen_tq_label).
    const inSchemas = { ...subject, schema: 'app', referredSchema: 'a.b' };
    assert.equal(applyConvention('%(column_0_label)s|%(referred_column_0_label)s', inSchemas), 'app_orders_user_id|a_b_users_id');
    assert.equal(applyConvention('%(referred_table_name)s_%(referred_column_0N_name)s_100%%', subject), 'users_idx_100%');
  });

  test('a given name is kept unless the convention wraps it with %(constraint_name)s', () => {
    assert.equal(constraintName('uq_%(table_name)s_%(column_0_name)s', { ...subject, constraintName: 'mine' }, null), 'mine');
    assert.equal(constraintName('ck_%(table_name)s_%(constraint_name)s', { ...subject, constraintName: 'mine' }, null), 'ck_orders_mine');
    assert.equal(constraintName(null, { ...subject, constraintName: null }, null), null);
    assert.throws(() => constraintName('ck_%(constraint_name)s', subject, null), /needs an explicitly named constraint/);
    assert.throws(() => applyConvention('%(column_5_name)s', subject), /token %\(column_5_name\)s has no value/);
  });

  test('a MetaData convention is merged over the default one and checked', () => {
    const merged = resolveNamingConvention({ uq: null }, 'new MetaData()');
    assert.equal(merged.uq, null);
    assert.equal(merged.pk, 'pk_%(table_name)s');
    assert.throws(() => resolveNamingConvention({ pkey: 'x' } as never, 'new MetaData()'), /unknown option "pkey"/);
  });
});
