/**
 * Builds the test probe and serves it on loopback, plainly (no CSP: it is the attacker's
 * page, not the app's).
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { resolveInside } from '../../../src-main/browser-mode/static-files';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export async function serveProbe(): Promise<{ url: string; close: () => Promise<void> }> {
  const here = resolve(import.meta.dirname);
  await build({ configFile: join(here, 'vite.config.ts') });
  const root = resolve(here, '../../../out/probe');
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://probe').pathname;
    const file = resolveInside(root, path === '/' ? '/index.html' : path);
    if (!file) return void response.writeHead(404).end();
    readFile(file)
      .then((body) => {
        const type = types[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
        response.writeHead(200, { 'Content-Type': type }).end(body);
      })
      .catch(() => response.writeHead(404).end());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
