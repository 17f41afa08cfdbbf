/**
 * Loads pg without loading Node's fetch. pg (8.11+) tells Node from Cloudflare Workers at
 * load time by constructing a fetch `Response` when there is no global `navigator`, which
 * Node 20 lacks: that loads undici, about 5 MB of peak memory and several milliseconds on
 * every command that connects, for an answer `navigator.userAgent` gives for free. The
 * `navigator` exists only while pg loads, so neither migrations nor models ever see it.
 */
import { createRequire } from 'node:module';
import type * as Pg from 'pg';

export function loadPg(): typeof Pg {
  const require = createRequire(import.meta.url);
  const global = globalThis as { navigator?: unknown };
  if (global.navigator !== undefined) return require('pg') as typeof Pg;
  global.navigator = { userAgent: 'Node.js' };
  try {
    return require('pg') as typeof Pg;
  } finally {
    delete global.navigator;
  }
}
