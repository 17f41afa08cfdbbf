/**
 * A database built by SQLAlchemy compares clean against the equivalent models (SPEC section 3),
 * and the models render what SQLAlchemy renders where the other tool would see a difference.
 * The SQL SQLAlchemy 1.4.46 emitted is kept as a fixture, so no Python is needed: it builds
 * the database, then introspection and compare run as `check` runs them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { compareOptions } from '../../src/api/schema-state.js';
import { compareSnapshots } from '../../src/autogenerate/compare/compare-snapshots.js';
import { fixedResolver } from '../../src/autogenerate/resolver/fixed-resolver.js';
import { parseDatabaseUrl } from '../../src/config/parse-url.js';
import type { Connection, Dialect } from '../../src/dialects/dialect.js';
import { loadDialect } from '../../src/dialects/registry.js';
import { schemaSnapshot } from '../../src/schema/to-snapshot.js';
import { sqlalchemyEquivalent } from '../fixtures/models/sqlalchemy-equivalent.js';
import { DIALECTS, createDatabase, type TestDatabase } from '../helpers/databases.js';

const fixture = (dialect: string): string =>
  readFileSync(new URL(`../fixtures/sqlalchemy/create-all.${dialect}.sql`, import.meta.url), 'utf8');

for (const dialectName of DIALECTS) {
  describe(`a database SQLAlchemy built, on ${dialectName}`, () => {
    const pg = dialectName === 'postgresql';
    let db: TestDatabase;
    let dialect: Dialect;
    let conn: Connection;

    before(async () => {
      db = await createDatabase(dialectName);
      dialect = (await loadDialect(dialectName)).dialect;
      conn = await dialect.connect(parseDatabaseUrl(db.url, process.cwd()));
      if (pg) await conn.query('CREATE SCHEMA app; CREATE EXTENSION IF NOT EXISTS citext');
      await conn.query(fixture(dialectName));
    });
    after(async () => {
      await conn?.close();
      await db?.dispose();
    });

    test('compares clean against the equivalent models', async () => {
      const models = schemaSnapshot(sqlalchemyEquivalent(dialectName), dialect);
      const database = await dialect.introspect(conn, pg ? { schemas: ['public', 'app'] } : {});
      const options = compareOptions({ compareType: true, compareServerDefault: true }, dialect, fixedResolver({ allowDrop: true }));
      const result = await compareSnapshots(models, database, options);
      assert.deepEqual(result.ops, []);
    });

    test("the models' DDL spells types, enum types and names as SQLAlchemy's does", () => {
      const models = schemaSnapshot(sqlalchemyEquivalent(dialectName), dialect);
      const ddl = models.tables.flatMap((t) => dialect.createTableStatements(t).map((s) => s.sql)).join(';\n');
      const sqlalchemy = fixture(dialectName);
      // The names SQLAlchemy gave by convention, for an expression index and for labels in a schema.
      for (const name of ['ix_posts_slug', pg ? 'ix_app_labelled_org' : 'ix_labelled_org', pg ? 'uq_app_labelled_login' : 'uq_labelled_login']) {
        assert.match(sqlalchemy, new RegExp(`\\b${name}\\b`), `SQLAlchemy named ${name}`);
        assert.match(ddl, new RegExp(`\\b${name}\\b`), `the models name ${name}`);
      }
      if (pg) {
        // An Enum of a table in schema app is a type of the default schema, unqualified.
        assert.match(sqlalchemy, /^CREATE TYPE mood AS ENUM/m);
        assert.match(sqlalchemy, /^\s+mood mood DEFAULT 'happy',/m);
        assert.match(ddl, /^\s+mood mood DEFAULT 'happy'::mood,$/m);
      }
    });
  });
}
