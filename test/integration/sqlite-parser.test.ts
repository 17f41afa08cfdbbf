import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { referencesIdentifier, renameIdentifier } from '../../src/dialects/common/expression-identifiers.js';
import { collapseWhitespace } from '../../src/dialects/common/sql-tokens.js';
import { parseCreateIndex } from '../../src/dialects/sqlite/sqlite-index-parser.js';
import { isWithoutRowid, parseCreateTable, parseTokenized } from '../../src/dialects/sqlite/sqlite-table-parser.js';

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

  test('CREATE TABLE: the plain-column reading agrees with the tokenized one on every text', () => {
    // A small seeded generator (mulberry32): the same texts on every run.
    let seed = 6;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const space = (): string => pick([' ', '  ', '\n  ', '\t', '', ' /* c, ( */ ', ' -- note, (\n ']);
    const names = ['id', 'name', 'a_1', 'Check', 'unique', 'not', 'null', 'as', 'default', 'constraint', 'autoincrement', 'has', '"a,b"', '[x y]', '`c)`', 'É', 'x$'];
    const types = ['', 'INTEGER', 'VARCHAR(32)', 'NUMERIC(12, 2)', 'NUMERIC ( 12 , 2 )', 'DOUBLE PRECISION', 'AUTOINCREMENT', 'foreign', 'TEXT', 'int(5) unsigned', 'notes', 'x(1.5)'];
    const constraints = [
      '', 'NOT NULL', 'not null', 'NULL', 'NOT NULL NULL', 'PRIMARY KEY', 'PRIMARY KEY AUTOINCREMENT', 'UNIQUE', 'CHECK (x > 0)',
      "DEFAULT 'a,b'", 'DEFAULT -1', 'DEFAULT (1 + 2)', 'COLLATE nocase', 'REFERENCES p (id)', 'GENERATED ALWAYS AS (a * 2)',
      'AS (b)', 'CONSTRAINT c1 UNIQUE', 'CONSTRAINT "c 2" CHECK (a <> \'x,y)\')', 'NOT NULL (5)', 'NOT NULL unsigned', 'NOT-NULL',
    ];
    const tableConstraints = [
      'CONSTRAINT pk PRIMARY KEY (a)', 'UNIQUE (a, b)', "CHECK (a <> 'x,y)')", 'FOREIGN KEY(a) REFERENCES "t"(b)',
      'CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES t (c, d) ON DELETE CASCADE',
    ];
    for (let n = 0; n < 3000; n++) {
      const definitions: string[] = [];
      for (let c = 1 + Math.floor(random() * 5); c > 0; c--) {
        definitions.push([pick(names), pick(types), pick(constraints)].filter((w) => w !== '').join(pick([' ', space()])));
      }
      for (let c = Math.floor(random() * 3); c > 0; c--) definitions.push(pick(tableConstraints));
      const options = pick(['', ' WITHOUT ROWID', ' STRICT;', ' WITHOUT ROWID, STRICT', ';']);
      const sql = `CREATE TABLE ${pick(['t', '"t (x)"', '[a(b]', "'q,('"])}${space()}(${space()}${definitions.join(`,${space()}`)}${space()})${options}`;
      assert.deepEqual(parseCreateTable(sql), parseTokenized(sql), sql);
    }
  });
});
