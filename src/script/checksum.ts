import { createHash } from 'node:crypto';

/**
 * SHA-256 hex of a revision file. Line endings are normalized first, so a checkout with
 * CRLF (git's autocrlf on Windows) has the same checksum as the LF original.
 */
export function revisionChecksum(content: string | Uint8Array): string {
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('hex');
}
