#!/usr/bin/env node
// Builds the page served by `newsledger serve`: compiles src/web (browser ES modules, its own tsconfig with DOM
// types) into dist/src/web and copies its stylesheet beside them. Run by `npm run build`; the browser tests run it
// too, so they test the page as it is in src/ even before a full build.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'src', 'web', 'tsconfig.json')], { stdio: 'inherit' });
const out = join(root, 'dist', 'src', 'web');
mkdirSync(out, { recursive: true });
for (const f of readdirSync(join(root, 'src', 'web'))) {
  if (/\.(css|svg|png)$/.test(f)) copyFileSync(join(root, 'src', 'web', f), join(out, f));
}
