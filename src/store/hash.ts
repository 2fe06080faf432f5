import { createHash } from 'node:crypto';

/** The content hash that makes ingest idempotent: the same text under the same document key is stored once. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
