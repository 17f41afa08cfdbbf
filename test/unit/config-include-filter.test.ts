import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tableFilter } from '../../src/config/include-filter.js';

const everything = { schemas: null, tables: null, excludeTables: [] };

describe('tableFilter', () => {
  test('without include settings every table is compared', () => {
    const filter = tableFilter(everything);
    assert.equal(filter(null, 'users'), true);
    assert.equal(filter('audit', 'log'), true);
  });

  test('tables keeps only tables matching one of its globs', () => {
    const filter = tableFilter({ ...everything, tables: ['app_*', 'user?'] });
    assert.equal(filter(null, 'app_orders'), true);
    assert.equal(filter(null, 'users'), true);
    assert.equal(filter(null, 'user'), false);
    assert.equal(filter(null, 'legacy_orders'), false);
  });

  test('excludeTables drops matching tables, even when tables lists them', () => {
    const filter = tableFilter({ ...everything, tables: ['app_*'], excludeTables: ['*_tmp', 'app_cache'] });
    assert.equal(filter(null, 'app_orders'), true);
    assert.equal(filter(null, 'app_orders_tmp'), false);
    assert.equal(filter(null, 'app_cache'), false);
  });

  test('glob characters other than * and ? match literally', () => {
    const filter = tableFilter({ ...everything, tables: ['a+b', '(x)'] });
    assert.equal(filter(null, 'a+b'), true);
    assert.equal(filter(null, 'aab'), false);
    assert.equal(filter(null, '(x)'), true);
  });

  test('a glob with a dot matches schema.table, one without the bare name in any schema', () => {
    const filter = tableFilter({ ...everything, excludeTables: ['audit.*', 'tmp'] });
    assert.equal(filter('audit', 'log'), false);
    assert.equal(filter('app', 'log'), true);
    assert.equal(filter('app', 'tmp'), false);
    assert.equal(filter(null, 'tmp'), false);
  });

  test('schemas limits named schemas; the default schema is always included', () => {
    const filter = tableFilter({ ...everything, schemas: ['app'] });
    assert.equal(filter('app', 'orders'), true);
    assert.equal(filter('audit', 'log'), false);
    assert.equal(filter(null, 'users'), true);
  });
});
