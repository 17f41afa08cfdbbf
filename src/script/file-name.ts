import { ConfigError } from '../errors.js';
import type { ZonedDate } from './create-date.js';

/**
 * Alembic's slug: the message's words joined by `_`, lowercased; past the limit it is cut at
 * the last `_` before it and ends with `_`.
 */
export function slugify(message: string, truncateSlugLength: number): string {
  let slug = (message.match(/[\p{L}\p{N}_]+/gu) ?? []).join('_').toLowerCase();
  if (slug.length > truncateSlugLength) {
    slug = slug.slice(0, truncateSlugLength);
    const cut = slug.lastIndexOf('_');
    slug = `${cut === -1 ? slug : slug.slice(0, cut)}_`;
  }
  return slug;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * A new revision's file name (without extension) from `fileTemplate`. Date tokens are
 * zero-padded, so file names sort by date.
 */
export function renderFileName(fileTemplate: string, values: { readonly rev: string; readonly slug: string; readonly date: ZonedDate }): string {
  const { date } = values;
  const tokens: Readonly<Record<string, string>> = {
    rev: values.rev,
    slug: values.slug,
    year: pad(date.year, 4),
    month: pad(date.month),
    day: pad(date.day),
    hour: pad(date.hour),
    minute: pad(date.minute),
    second: pad(date.second),
    epoch: String(date.epochSeconds),
  };
  const name = fileTemplate.replace(/\{([^{}]*)\}/g, (whole, token: string) => {
    const value = tokens[token];
    if (value === undefined) {
      throw new ConfigError('E_INVALID_FILE_TEMPLATE', `fileTemplate '${fileTemplate}' has an unknown token ${whole}`, {
        hint: 'Tokens: {rev} {slug} {year} {month} {day} {hour} {minute} {second} {epoch}.',
      });
    }
    return value;
  });
  if (/[\\/]/.test(name) || name === '') {
    throw new ConfigError('E_INVALID_FILE_TEMPLATE', `fileTemplate '${fileTemplate}' must name a file, without folders`, {
      hint: 'Use versionLocations (or --version-path) to choose the folder.',
    });
  }
  return name;
}
