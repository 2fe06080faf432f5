// The page's built files (ES modules compiled from src/web by tsc, and its stylesheet), served from one folder under
// /static/. Only names made of safe characters with a known extension are served, so no request can leave the folder.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A path below the web root: folders and names of letters, digits, dot, dash and underscore, never "..". */
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/**
 * Where the built page is: next to this module once compiled (dist/src/web), or the build's output when this module
 * runs from source through tsx (src/server → dist/src/web), which `npm run build` or scripts/build-web.mjs fills.
 */
export function webRoot(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [join(here, '..', 'web'), join(here, '..', '..', 'dist', 'src', 'web')]) {
    if (existsSync(join(dir, 'main.js'))) return dir;
  }
  return null;
}

/** Files are read once and kept: the page is a few dozen small files that only change with a new build. */
export function mountStatic(app: Hono, root: string | null): void {
  const cache = new Map<string, Uint8Array>();
  app.get('/static/:path{.+}', (c) => {
    const path = c.req.param('path');
    const ext = /\.[a-z]+$/.exec(path)?.[0] ?? '';
    const type = TYPES[ext];
    if (!root || !type || !SAFE_PATH.test(path) || path.split('/').includes('..')) return c.notFound();
    let body = cache.get(path);
    if (!body) {
      const file = join(root, path);
      if (!existsSync(file)) return c.notFound();
      body = new Uint8Array(readFileSync(file));
      cache.set(path, body);
    }
    // The URLs are not versioned, so browsers revalidate rather than keep a stale module after an upgrade.
    return c.body(body as unknown as ArrayBuffer, 200, { 'content-type': type, 'cache-control': 'no-cache' });
  });
}
