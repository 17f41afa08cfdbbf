// The seed tutorial's model: one table of books.
import { table, integer, string, float, date } from 'alembic-ts';

export const books = table('books', {
  id: integer().primaryKey(),
  title: string(200).notNull(),
  author: string(100).notNull(),
  pages: integer(),
  publication_date: date(),
  price: float(),
});
