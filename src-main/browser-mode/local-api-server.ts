/**
 * Browser mode: the renderer served on 127.0.0.1 and the very same main-process handlers
 * behind the IPC contract, for machines without the Electron binary.
 *
 * The channel is as closed as Electron's IPC: loopback only, the Host header must be ours
 * (no DNS rebinding), the Origin must be ours, and every call carries a random per-run
 * token that the page receives in its address fragment.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatchIpc, type IpcHandlers } from '../ipc/handlers';
import type { Logger } from '../services/logger';
import { createStaticFiles, requestPath } from './static-files';

export interface LocalApiServerOptions {
  handlers: IpcHandlers;
  logger: Logger;
  /** The built renderer (web build). */
  staticRoot: string;
  csp: () => Promise<string>;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface LocalApiServer {
  origin: string;
  token: string;
  /** The address to open: the token rides in the fragment, which is never sent to a server. */
  appUrl: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;
export const IPC_PATH_PREFIX = '/ipc/';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

export async function startLocalApiServer(options: LocalApiServerOptions): Promise<LocalApiServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const serveStatic = createStaticFiles(options.staticRoot, options.csp);
  let origin = '';
  let host = '';

  const server: Server = createServer((request, response) => {
    void (async () => {
      if (request.headers.host !== host) {
        response.writeHead(421).end();
        return;
      }
      const path = requestPath(request.url);
      if (path === null) {
        sendJson(response, 400, { ok: false, error: { code: 'invalid-request' } });
        return;
      }
      if (!path.startsWith(IPC_PATH_PREFIX)) {
        await serveStatic(request, response);
        return;
      }
      if (request.method !== 'POST') {
        response.writeHead(405, { Allow: 'POST' }).end();
        return;
      }
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const trusted = request.headers.origin === origin && sameSecret(bearer, token);
      let body: unknown;
      try {
        body = trusted ? await readJsonBody(request) : undefined;
      } catch {
        sendJson(response, 400, { ok: false, error: { code: 'invalid-request' } });
        return;
      }
      const channel = path.slice(IPC_PATH_PREFIX.length);
      const result = await dispatchIpc(options.handlers, options.logger, channel, body, trusted);
      sendJson(response, trusted ? 200 : 403, result);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;

  return {
    origin,
    token,
    appUrl: `${origin}/#host=${token}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
