import type * as NodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';

type Crypto = typeof NodeCrypto;

/** Loaded on the first checksum: a scan served from the header cache never needs node:crypto. */
let crypto: Crypto | undefined;

/**
 * SHA-256 hex of a revision file. Line endings are normalized first, so a checkout with
 * CRLF (git's autocrlf on Windows) has the same checksum as the LF original.
 */
export function revisionChecksum(content: string | Uint8Array): string {
  crypto ??= createRequire(import.meta.url)('node:crypto') as Crypto;
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  return crypto.createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('hex');
}
