/**
 * The `sql` tag: raw SQL for defaults, CHECKs, index expressions and `op.execute`.
 * Interpolated values become bound parameters; each dialect decides the placeholder style.
 */
const SQL_BRAND = Symbol.for('alembic-ts.sql');

export interface SqlFragment {
  readonly [SQL_BRAND]: true;
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return { [SQL_BRAND]: true, strings: [...strings], values };
}

/** A fragment from plain text, with no parameters. */
sql.raw = (text: string): SqlFragment => ({ [SQL_BRAND]: true, strings: [text], values: [] });

export function isSqlFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SQL_BRAND] === true;
}

/**
 * The fragment's text with `placeholder(i)` (0-based) in place of each value.
 * With no values it is the text as written.
 */
export function sqlText(fragment: SqlFragment, placeholder: (index: number) => string): string {
  let text = fragment.strings[0] ?? '';
  for (let i = 0; i < fragment.values.length; i++) {
    text += placeholder(i) + (fragment.strings[i + 1] ?? '');
  }
  return text;
}

/**
 * The fragment's text with each value inlined as a literal, for DDL (which takes no
 * parameters) and offline SQL. `literal` is the dialect's literal renderer.
 */
export function sqlInline(fragment: SqlFragment, literal: (value: unknown) => string): string {
  return sqlText(fragment, (i) => literal(fragment.values[i]));
}
