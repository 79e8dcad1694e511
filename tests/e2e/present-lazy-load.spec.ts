/**
 * pdf.js (about 1.6 MB with its worker) is not part of the guest page's first load: it
 * comes only when someone presents. Checked on the web build the end-to-end setup makes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webBuildDir } from '../../scripts/web-build';
import { expect, test } from './helpers';

/** Strings only pdf.js's own code contains. */
const pdfjsMarkers = ['InvalidPDFException', 'PDFDocumentProxy', 'pdf.worker'];

/** The files a browser fetches before the page runs: entry scripts, preloads, their static imports. */
function firstLoad(root: string): string[] {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const queue = [
    ...html.matchAll(/<script[^>]+src="\/([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g),
  ].map((match) => match[1] ?? '');
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(root, file), 'utf8');
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` waits.
    for (const match of code.matchAll(
      /\bimport\s*(?:[\w${},*\s]+from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g,
    ))
      queue.push(join('assets', match[1] ?? ''));
  }
  return [...seen];
}

test('the guest page loads without pdf.js', () => {
  const files = firstLoad(webBuildDir);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const code = readFileSync(join(webBuildDir, file), 'utf8');
    for (const marker of pdfjsMarkers)
      expect(code.includes(marker), `${marker} in ${file}`).toBe(false);
  }
});

test('pdf.js is in the build as a chunk of its own, with its worker', () => {
  const assets = readdirSync(join(webBuildDir, 'assets'));
  expect(assets.some((name) => /^pdf\.worker\.min-.*\.mjs$/.test(name))).toBe(true);
  const lazy = assets.filter((name) =>
    readFileSync(join(webBuildDir, 'assets', name), 'utf8').includes('PDFDocumentProxy'),
  );
  expect(lazy).toHaveLength(1);
  expect(firstLoad(webBuildDir)).not.toContain(join('assets', lazy[0] ?? ''));
});
