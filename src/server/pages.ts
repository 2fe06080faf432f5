// The page: one HTML shell for every view (the browser module in src/web picks the view from the path), and the
// security headers every response carries, API included.
import type { Hono, MiddlewareHandler } from 'hono';
import { withHeaders } from './errors.js';
import { mountStatic, webRoot } from './static.js';

/**
 * No inline script or style anywhere (the page builds its DOM from text nodes, so news text is never markup), only
 * this origin's files, no framing by other sites, no plugins, forms and base URLs pinned to this origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Every response's security headers (set before the handler: see withHeaders). */
const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['content-security-policy', CONTENT_SECURITY_POLICY],
  ['x-content-type-options', 'nosniff'],
  // For browsers that predate frame-ancestors.
  ['x-frame-options', 'DENY'],
  // Links out to a source article must not tell it which story in the ledger the reader came from.
  ['referrer-policy', 'no-referrer'],
];

export const securityHeaders: MiddlewareHandler = (c, next) => withHeaders(c, next, SECURITY_HEADERS);

/** The paths the page answers; anything else under /api, /static or unknown keeps the API's JSON 404. */
export const PAGE_PATHS = ['/', '/search', '/timeline', '/claims', '/speaker/*', '/statement/*', '/document/*'];

const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Newsledger</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/icon.svg" type="image/svg+xml">
<script type="module" src="/static/main.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="/">Newsledger</a>
<nav aria-label="Views">
<a href="/search">Search</a>
<a href="/timeline">Timeline</a>
<a href="/claims">Claims</a>
</nav>
</header>
<main id="main" tabindex="-1"><p class="muted">Loading…</p></main>
<noscript><p>This page needs JavaScript; the same data is at <a href="/openapi.json">the JSON API</a>.</p></noscript>
</body>
</html>
`;

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Newsledger</title></head><body>
<p>The page is not built. Run <code>npm run build</code> (or <code>node scripts/build-web.mjs</code>) and reload;
the JSON API is at <a href="/openapi.json">/openapi.json</a>.</p></body></html>
`;

export function mountPages(app: Hono): void {
  const root = webRoot();
  mountStatic(app, root);
  for (const path of PAGE_PATHS) app.get(path, (c) => c.html(root ? SHELL : NOT_BUILT, root ? 200 : 503));
}
