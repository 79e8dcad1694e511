/**
 * `npm run web`: the guest page alone (the renderer's web build, no host part), served on
 * loopback with the app's CSP, for development and tests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createStaticFiles } from '../src-main/browser-mode/static-files';
import { contentSecurityPolicy } from '../src-main/services/content-security-policy';
import { profiles } from './local-livekit';
import { buildWebPage } from './web-build';

export interface GuestPage {
  url: string;
  close(): Promise<void>;
}

export async function serveGuestPage(options: {
  staticRoot: string;
  /** The LiveKit servers guests may connect to (the CSP's connect-src). */
  livekitUrls: string[];
  port?: number;
}): Promise<GuestPage> {
  const csp = contentSecurityPolicy(options.livekitUrls);
  const serve = createStaticFiles(options.staticRoot, () => csp);
  const server = createServer((request, response) => {
    void serve(request, response);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const staticRoot = buildWebPage();
  // The LiveKit servers guests may reach (the CSP's connect-src), comma separated.
  const livekitUrls = (
    process.env.AUGENHOEHE_LIVEKIT_URLS ?? `ws://127.0.0.1:${profiles.dev.port}`
  ).split(',');
  const page = await serveGuestPage({
    staticRoot,
    livekitUrls,
    port: 5181,
  });
  process.stdout.write(
    `Guest page at ${page.url} (open an invite link to join). Ctrl+C to stop.\n`,
  );
}
