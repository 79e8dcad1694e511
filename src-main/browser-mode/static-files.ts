import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Headers every page of the app gets, wherever it is served from. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy':
      'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
  };
}

/**
 * The path of a request target, or null for a target no URL parser accepts (`//`, `//a:b`,
 * `http://[`): Node's HTTP parser lets those through, and they must get a 400, not a crash.
 */
export function requestPath(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1').pathname;
  } catch {
    return null;
  }
}

/** Resolves a URL path inside `root`, or null when it would step outside. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(base, normalize(`.${sep}${decoded}`));
  return target === base || target.startsWith(base + sep) ? target : null;
}

/**
 * Serves the built renderer: files as they are, every other path as the single page
 * (the app routes by fragment, never by path).
 */
export function createStaticFiles(root: string, csp: () => string | Promise<string>) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const headers = securityHeaders(await csp());
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = requestPath(request.url);
    let file = path === null ? null : resolveInside(root, path);
    if (!file) {
      response.writeHead(400).end();
      return;
    }
    const isFile = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!isFile) {
      if (extname(path ?? '')) {
        response.writeHead(404, headers).end();
        return;
      }
      file = join(root, 'index.html');
    }
    try {
      const body = await readFile(file);
      const type = contentTypes[extname(file)] ?? 'application/octet-stream';
      response.writeHead(200, {
        ...headers,
        'Content-Type': type,
        'Cache-Control': file.endsWith('.html') ? 'no-store' : 'public, max-age=3600',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, headers).end();
    }
  };
}
