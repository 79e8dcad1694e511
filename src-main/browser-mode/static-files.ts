import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';

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

/** File types worth compressing (text); images and fonts are compressed already. */
export const compressibleTypes = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.map']);

/**
 * The compressed copies the build writes next to each text file (`app.js.br`,
 * `app.js.gz`), in the order the server prefers them when the browser takes both.
 */
export const precompressed = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export type ContentEncoding = (typeof precompressed)[number]['encoding'];

/**
 * The encodings an `Accept-Encoding` header allows, best first: by the browser's q-values,
 * then by our order (brotli before gzip). `q=0` refuses an encoding; `*` stands for any
 * encoding not named.
 */
export function acceptedEncodings(header: string | undefined): ContentEncoding[] {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((param) => /^\s*q\s*=(.*)$/.exec(param)?.[1]).find((v) => v !== undefined);
    // A q-value we cannot read counts as a refusal: better uncompressed than unreadable.
    const weight = q === undefined ? 1 : /^\s*[0-9.]+\s*$/.test(q) ? Number(q) : 0;
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (encoding: string) => weights.get(encoding) ?? weights.get('*') ?? 0;
  return precompressed
    .map(({ encoding }) => encoding)
    .filter((encoding) => weightOf(encoding) > 0)
    .sort((a, b) => weightOf(b) - weightOf(a));
}

/**
 * Vite names every built asset `<name>-<hash>.<ext>` under `assets/`: its content never
 * changes under that name, so browsers may keep it for good.
 */
export function isHashedAsset(urlPath: string): boolean {
  return urlPath.startsWith('/assets/') && /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/.test(basename(urlPath));
}

/** How long a browser may keep a file: pages never, hashed assets for a year, others revalidated. */
export function cacheControl(urlPath: string, file: string): string {
  if (file.endsWith('.html')) return 'no-store';
  if (isHashedAsset(urlPath)) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

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

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (found) => found.isFile(),
    () => false,
  );
}

/** The compressed copy to send, if the browser takes one and the build wrote it. */
async function chooseEncoding(
  file: string,
  acceptEncoding: string | undefined,
): Promise<{ path: string; encoding?: ContentEncoding }> {
  if (!compressibleTypes.has(extname(file))) return { path: file };
  for (const encoding of acceptedEncodings(acceptEncoding)) {
    const suffix = precompressed.find((variant) => variant.encoding === encoding)?.suffix ?? '';
    if (await isFile(file + suffix)) return { path: file + suffix, encoding };
  }
  return { path: file };
}

/**
 * Serves the built renderer: files as they are (or their compressed copy, by
 * `Accept-Encoding`), every other path as the single page (the app routes by fragment,
 * never by path).
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
    if (path === null || !file) {
      response.writeHead(400).end();
      return;
    }
    if (!(await isFile(file))) {
      if (extname(path)) {
        response.writeHead(404, { ...headers, 'Cache-Control': 'no-store' }).end();
        return;
      }
      file = join(root, 'index.html');
    }
    try {
      const chosen = await chooseEncoding(file, request.headers['accept-encoding']);
      const body = await readFile(chosen.path);
      response.writeHead(200, {
        ...headers,
        'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': cacheControl(path, file),
        // Caches keep the copy per encoding, even when this answer was not compressed.
        ...(compressibleTypes.has(extname(file)) ? { Vary: 'Accept-Encoding' } : {}),
        ...(chosen.encoding ? { 'Content-Encoding': chosen.encoding } : {}),
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, { ...headers, 'Cache-Control': 'no-store' }).end();
    }
  };
}
