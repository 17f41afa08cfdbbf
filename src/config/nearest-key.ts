/**
 * The valid key a misspelt one most likely meant: same letters ignoring case, `_` and `-`
 * (`script_location`), else the closest by edit distance when the distance is small for the
 * key's length. Keys of Alembic's alembic.ini find theirs too: `sqlalchemy.url` is `url`, and
 * `include_schemas` (a key that starts with a valid one) is `include`.
 */
export function nearestKey(key: string, candidates: readonly string[]): string | undefined {
  const loose = (s: string): string => s.toLowerCase().replace(/[_-]/g, '');
  const exact = candidates.find((c) => loose(c) === loose(key));
  if (exact !== undefined) return exact;
  const dot = key.lastIndexOf('.');
  if (dot !== -1) {
    const last = key.slice(dot + 1);
    const found = candidates.find((c) => loose(c) === loose(last));
    if (found !== undefined) return found;
  }
  const prefixed = candidates.filter((c) => c.length >= 4 && loose(key).startsWith(loose(c)));
  if (prefixed.length > 0) return prefixed.reduce((a, b) => (b.length > a.length ? b : a));
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
