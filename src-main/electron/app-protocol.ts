import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Protocol } from 'electron';
import { contentTypes, resolveInside, securityHeaders } from '../browser-mode/static-files';
import { APP_HOST, APP_SCHEME } from '../security/policy';

/**
 * Serves the built renderer from app://augenhoehe/ with the app's CSP, instead of file://,
 * which would give the page the whole disk as its origin.
 */
export function registerAppProtocol(
  protocol: Protocol,
  rendererRoot: string,
  csp: () => Promise<string>,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const headers = securityHeaders(await csp());
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response(null, { status: 404 });
    const path = extname(url.pathname) ? url.pathname : '/index.html';
    const file = resolveInside(rendererRoot, path);
    if (!file) return new Response(null, { status: 400 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          ...headers,
          'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
        },
      });
    } catch {
      return new Response(null, { status: 404, headers });
    }
  });
}
