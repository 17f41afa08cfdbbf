import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { referencesIdentifier, renameIdentifier } from '../../src/dialects/common/expression-identifiers.js';
import { collapseWhitespace } from '../../src/dialects/common/sql-tokens.js';
import { parseCreateIndex } from '../../src/dialects/sqlite/sqlite-index-parser.js';
import { isWithoutRowid, parseCreateTable } from '../../src/dialects/sqlite/sqlite-table-parser.js';

describe('SQLite stored-SQL parsing', () => {
  test('CREATE TABLE: names, checks, collations and options, whatever the quoting and comments', () => {
    const parsed = parseCreateTable(`CREATE TABLE IF NOT EXISTS "t (x)" (
      [a,b] INTEGER CONSTRAINT "pk ""1""" PRIMARY KEY DESC AUTOINCREMENT, -- a comment, with (parens
      \`c\` TEXT DEFAULT ')(' COLLATE "NoCase" CONSTRAINT ck_c CHECK (c <> 'a, b)'),
      d NUMERIC(10, 2) DEFAULT -1 REFERENCES other ON DELETE CASCADE,
      e AS (d * 2) STORED,
      /* block */ CONSTRAINT uq_cd UNIQUE (c COLLATE nocase, d DESC),
      UNIQUE (d),
      CHECK ((d > 0) AND (length(c) < 10)),
      CONSTRAINT fk_d FOREIGN KEY (d, c) REFERENCES "other t"(x, y)
    ) WITHOUT ROWID, STRICT;`);
    assert.deepEqual(parsed.columns, [
      { name: 'a,b', collation: null, generated: false },
      { name: 'c', collation: 'NoCase', generated: false },
      { name: 'd', collation: null, generated: false },
      { name: 'e', collation: null, generated: true },
    ]);
    assert.equal(parsed.primaryKeyName, 'pk "1"');
    assert.equal(parsed.autoincrement, true);
    assert.deepEqual(parsed.checks, [
      { name: 'ck_c', sql: "c <> 'a, b)'" },
      { name: null, sql: '(d > 0) AND (length(c) < 10)' },
    ]);
    assert.deepEqual(parsed.uniques, [
      { name: 'uq_cd', columns: ['c', 'd'] },
      { name: null, columns: ['d'] },
    ]);
    assert.deepEqual(parsed.foreignKeys, [
      { name: null, columns: ['d'], referredTable: 'other' },
      { name: 'fk_d', columns: ['d', 'c'], referredTable: 'other t' },
    ]);
    assert.equal(parsed.options, 'WITHOUT ROWID, STRICT');
    assert.ok(isWithoutRowid(parsed));
  });

  test('CREATE INDEX: element texts without direction, and the WHERE predicate', () => {
    assert.deepEqual(parseCreateIndex(`CREATE UNIQUE INDEX "on" ON "t(1)" (lower("a, b") DESC, c COLLATE nocase ASC, (x + y)) WHERE a IN ('(', ')');`), {
      elements: ['lower("a, b")', 'c COLLATE nocase', '(x + y)'],
      where: "a IN ('(', ')')",
    });
    assert.deepEqual(parseCreateIndex('CREATE INDEX i ON t(a)'), { elements: ['a'], where: null });
  });

  test('identifier references skip literals and function names', () => {
    assert.ok(referencesIdentifier('length("Name") > 0', 'name'));
    assert.ok(!referencesIdentifier("lower(x) = 'name'", 'name'));
    assert.ok(!referencesIdentifier('lower(x) > 0', 'lower'));
    assert.equal(renameIdentifier(`name > 0 AND "name" <> 'name'`, 'name', 'title', (n) => n), `title > 0 AND "title" <> 'name'`);
  });

  test('whitespace collapses outside literals; a line comment keeps its line end', () => {
    assert.equal(collapseWhitespace("a  -- note\n   > 'x   y'"), "a -- note\n> 'x   y'");
  });
});
