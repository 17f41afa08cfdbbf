/**
 * SPEC section 1, a user's first five minutes, with the built binary in a fresh project,
 * on both dialects: create books, insert the tutorial's rows, change the model, see `check`
 * fail with a readable diff, autogenerate, upgrade, `check` passes, rows intact, downgrade.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCliProject } from '../helpers/cli-project.js';
import { createDatabase, DIALECTS, type DialectName } from '../helpers/databases.js';
import { openDb, withDb } from '../helpers/db-inspect.js';

const BOOKS_V1 = `import { table, integer, string, float, date } from 'alembic-ts';

export const books = table('books', {
  id: integer().primaryKey(),
  title: string(200).notNull(),
  author: string(100).notNull(),
  pages: integer(),
  publication_date: date(),
  price: float(),
});
`;

const BOOKS_V2 = `import { table, integer, string, float, date } from 'alembic-ts';

export const books = table('books', {
  id: integer().primaryKey(),
  title: string(300).notNull(),
  author: string(100).notNull().index(),
  pages: integer(),
  publication_date: date(),
  price: float(),
  isbn: string(13),
});
`;

const TUTORIAL_BOOKS = [
  ['The Hobbit', 'J.R.R. Tolkien', 310, '1937-09-21', 9.99],
  ['Dune', 'Frank Herbert', 412, '1965-08-01', 12.5],
  ['Neuromancer', 'William Gibson', 271, '1984-07-01', 8.75],
] as const;

async function bookRows(dialect: DialectName, url: string): Promise<string[]> {
  return withDb(dialect, url, async (db) => {
    const rows = await db.query('SELECT title, author, pages FROM books ORDER BY id');
    return rows.map((r) => `${String(r['title'])}|${String(r['author'])}|${String(r['pages'])}`);
  });
}

for (const dialect of DIALECTS) {
  describe(`the tutorial on ${dialect}`, () => {
    test('create books, change the model, check, autogenerate, upgrade, downgrade', async () => {
      const database = await createDatabase(dialect);
      const project = createCliProject();
      try {
        const init = project.run('init', 'migrations');
        assert.equal(init.status, 0, init.stderr);
        const config = JSON.parse(project.read('alembic.config.json')) as Record<string, unknown>;
        project.write('alembic.config.json', JSON.stringify({ ...config, url: database.url }, null, 2));
        project.write('src/models.ts', BOOKS_V1);

        const first = project.run('revision', '--autogenerate', '-m', 'create books');
        assert.equal(first.status, 0, first.stderr);
        assert.match(first.stdout, /create_books\.ts/);
        assert.equal(project.versionFiles().length, 1);
        assert.match(project.read(`migrations/versions/${project.versionFiles()[0]}`), /op\.createTable\('books'/);

        const up1 = project.run('upgrade', 'head');
        assert.equal(up1.status, 0, up1.stderr);
        assert.match(up1.stderr, /Running upgrade {1,2}-> [0-9a-f]{12}, create books/);

        const clean = project.run('check');
        assert.equal(clean.status, 0, clean.stdout + clean.stderr);

        const db = await openDb(dialect, database.url);
        for (const [title, author, pages, published, price] of TUTORIAL_BOOKS) {
          await db.query('INSERT INTO books (title, author, pages, publication_date, price) VALUES ($1, $2, $3, $4, $5)', [
            title,
            author,
            pages,
            published,
            price,
          ]);
        }
        await db.close();
        const before = await bookRows(dialect, database.url);
        assert.equal(before.length, 3);

        project.write('src/models.ts', BOOKS_V2);
        const drift = project.run('check');
        assert.equal(drift.status, 1, drift.stdout + drift.stderr);
        assert.match(drift.stdout, /isbn/);
        assert.match(drift.stdout, /ix_books_author/);
        assert.match(drift.stdout, /^\+.*VARCHAR\(300\)/m);

        const second = project.run('revision', '--autogenerate', '-m', 'add isbn');
        assert.equal(second.status, 0, second.stderr);
        const secondFile = project.read(`migrations/versions/${project.versionFiles().find((f) => f.includes('add_isbn'))}`);
        assert.match(secondFile, /op\.addColumn\('books', 'isbn', string\(13\)\)/);
        assert.match(secondFile, /op\.createIndex\('ix_books_author', 'books', \['author'\]/);

        const up2 = project.run('upgrade', 'head');
        assert.equal(up2.status, 0, up2.stderr);
        const agreed = project.run('check');
        assert.equal(agreed.status, 0, agreed.stdout + agreed.stderr);
        assert.deepEqual(await bookRows(dialect, database.url), before);

        const down = project.run('downgrade', '-1');
        assert.equal(down.status, 0, down.stderr);
        assert.match(down.stderr, /Running downgrade [0-9a-f]{12} -> [0-9a-f]{12}, add isbn/);
        assert.deepEqual(await bookRows(dialect, database.url), before);
        project.write('src/models.ts', BOOKS_V1);
        const restored = project.run('check');
        assert.equal(restored.status, 1, 'the database is one revision behind head');
        assert.match(restored.stdout, /not at head/i);
        assert.doesNotMatch(restored.stdout, /isbn/);
      } finally {
        project.dispose();
        await database.dispose();
      }
    });
  });
}
