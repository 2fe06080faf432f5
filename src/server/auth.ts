// Writes need the server's token (Authorization: Bearer TOKEN). Without a configured token the API is read-only.
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Throws unless the header carries the token; compares digests in constant time (no length or prefix leak). */
export function checkWrite(token: string | null, header: string | undefined): void {
  if (!token) throw new ApiError(403, 'writes_disabled', 'this server is read-only: start it with --token or NEWSLEDGER_TOKEN to accept writes');
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) throw new ApiError(401, 'unauthorized', 'writes need an Authorization: Bearer TOKEN header');
  if (!timingSafeEqual(digest(m[1]!.trim()), digest(token))) throw new ApiError(401, 'unauthorized', 'the token is not valid');
}
