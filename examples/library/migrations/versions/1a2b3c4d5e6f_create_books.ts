/**
 * create books
 *
 * Revision ID: 1a2b3c4d5e6f
 * Revises:
 * Create Date: 2026-11-21 06:10:20+00:00
 */
import { type Operations, date, float, integer, string } from 'alembic-ts';

export const revision = '1a2b3c4d5e6f';
export const downRevision: string | string[] | null = null;   // an array at a merge point
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {
  op.createTable('books', {
    id: integer().primaryKey(),
    title: string(200).notNull(),
    author: string(100).notNull(),
    pages: integer(),
    publication_date: date(),
    price: float(),
  });
}

export async function downgrade(op: Operations): Promise<void> {
  op.dropTable('books');
}
