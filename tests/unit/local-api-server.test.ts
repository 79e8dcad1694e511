import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startLocalApiServer,
  type LocalApiServer,
} from '../../src-main/browser-mode/local-api-server';
import { contentSecurityPolicy } from '../../src-main/services/content-security-policy';
import { createHarness, type Harness } from './fixtures';

const indexHtml = '<!doctype html><title>Augenhöhe</title><script src="/app.js"></script>';
const secretOutsideRoot = 'TOP-SECRET-OUTSIDE-THE-WEB-ROOT';
const createRequest = { label: 'Familie Muster', inviteCount: 1, validity: 'today' };

let workDir: string;
let harness: Harness;
/** What the CSP function answers now; the server asks it again for every page. */
let currentServers: string[];
let cspCalls: number;
let server: LocalApiServer;
let port: number;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http rather than fetch: fetch will not let a test forge Host or drop Origin. */
function send(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          done({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(options.body);
  });
}

function ipcHeaders(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const headers: Record<string, string | undefined> = {
    Host: `127.0.0.1:${port}`,
    Origin: server.origin,
    Authorization: `Bearer ${server.token}`,
    'Content-Type': 'application/json',
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function postIpc(
  channel: string,
  body: unknown,
  overrides: Record<string, string | undefined> = {},
) {
  return send({
    method: 'POST',
    path: `/ipc/${channel}`,
    headers: ipcHeaders(overrides),
    body: JSON.stringify(body),
  });
}

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'augenhoehe-api-'));
  const staticRoot = join(workDir, 'public');
  await mkdir(staticRoot);
  await writeFile(join(staticRoot, 'index.html'), indexHtml);
  await writeFile(join(staticRoot, 'app.js'), 'console.log(1);');
  // A sibling of the web root: traversal attempts aim at this.
  await writeFile(join(workDir, 'secret.txt'), secretOutsideRoot);
  harness = createHarness();
  currentServers = ['ws://127.0.0.1:7880'];
  cspCalls = 0;
  server = await startLocalApiServer({
    handlers: harness.handlers,
    logger: harness.logger,
    staticRoot,
    csp: async () => {
      cspCalls += 1;
      if (currentServers.length === 0) throw new Error('settings unreadable');
      return contentSecurityPolicy(currentServers);
    },
  });
  port = Number(new URL(server.origin).port);
});

afterEach(async () => {
  await server.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('local API server: the IPC channel', () => {
  it('answers the app page (right Host, Origin and token)', async () => {
    const reply = await postIpc('app:info', {});
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(reply.body)).toStrictEqual({
      ok: true,
      value: { shell: 'browser', secretStore: 'memory' },
    });
  });

  it('passes contract errors through as values', async () => {
    const reply = await postIpc('consultation:admit', { id: 'not-an-id' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toStrictEqual({ ok: false, error: { code: 'invalid-request' } });
  });

  type HeaderOverrides = (live: LocalApiServer) => Record<string, string | undefined>;
  it.each<[string, HeaderOverrides]>([
    ['no token', () => ({ Authorization: undefined })],
    ['an empty bearer token', () => ({ Authorization: 'Bearer ' })],
    ['a wrong token', () => ({ Authorization: 'Bearer wrong-token-wrong-token-wrong-tok' })],
    ['the token with one character more', (live) => ({ Authorization: `Bearer ${live.token}x` })],
    ['the token without the Bearer scheme', (live) => ({ Authorization: live.token })],
    ['a foreign Origin', () => ({ Origin: 'http://evil.example' })],
    ['an Origin on another port', () => ({ Origin: 'http://127.0.0.1:1' })],
    [
      'the Origin as localhost',
      (live) => ({ Origin: live.origin.replace('127.0.0.1', 'localhost') }),
    ],
    ['the null Origin of a sandboxed frame', () => ({ Origin: 'null' })],
    ['no Origin', () => ({ Origin: undefined })],
  ])('refuses a call with %s: 403 forbidden, no handler runs', async (_label, overrides) => {
    const reply = await postIpc('consultation:create', createRequest, overrides(server));
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toStrictEqual({ ok: false, error: { code: 'forbidden' } });
    expect(harness.roomAdmin.calls).toHaveLength(0);
    expect(await harness.consultations.list()).toStrictEqual([]);
  });

  it.each([['evil.example:PORT'], ['localhost:PORT'], ['127.0.0.1'], ['127.0.0.1:1']])(
    'refuses a request for Host %s with 421 (DNS rebinding)',
    async (host) => {
      const reply = await postIpc('consultation:create', createRequest, {
        Host: host.replace('PORT', String(port)),
      });
      expect(reply.status).toBe(421);
      expect(reply.body).toBe('');
      expect(harness.roomAdmin.calls).toHaveLength(0);
    },
  );

  it('does not serve the page under a foreign Host either', async () => {
    const reply = await send({ path: '/', headers: { Host: `evil.example:${port}` } });
    expect(reply.status).toBe(421);
    expect(reply.body).not.toContain('Augenhöhe');
  });

  it.each([['GET'], ['PUT'], ['DELETE']])('answers %s on an IPC path with 405', async (method) => {
    const reply = await send({ method, path: '/ipc/app:info', headers: ipcHeaders() });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('POST');
  });

  it('refuses a body over 64 KB with 400', async () => {
    const body = JSON.stringify({ code: 'call.joined', padding: 'x'.repeat(70 * 1024) });
    const reply = await send({
      method: 'POST',
      path: '/ipc/log:event',
      headers: ipcHeaders(),
      body,
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toStrictEqual({ ok: false, error: { code: 'invalid-request' } });
  });

  it.each([['{"code":'], ['not json'], ['']])('refuses the body %j with 400', async (body) => {
    const reply = await send({
      method: 'POST',
      path: '/ipc/log:event',
      headers: ipcHeaders(),
      body,
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toStrictEqual({ ok: false, error: { code: 'invalid-request' } });
  });

  it('runs a valid consultation:create once', async () => {
    const reply = await postIpc('consultation:create', createRequest);
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    const result = JSON.parse(reply.body) as { ok: true; value: { waitingRoom: string } };
    expect(result.value.waitingRoom).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(harness.roomAdmin.calls.map((call) => call.op)).toEqual(['createRoom']);
    expect(await harness.consultations.list()).toHaveLength(1);
  });

  it('hands the token to the page only in the address fragment, which browsers never send', () => {
    expect(server.appUrl).toBe(`${server.origin}/#host=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });
});

describe('local API server: the page', () => {
  it.each([['/'], ['/call'], ['/join/abc']])(
    'serves index.html for %s with the app CSP',
    async (path) => {
      const reply = await send({ path, headers: { Host: `127.0.0.1:${port}` } });
      expect(reply.status).toBe(200);
      expect(reply.body).toBe(indexHtml);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = reply.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('asks for the CSP on every page, so it follows the server the settings name', async () => {
    const first = await send({ path: '/', headers: { Host: `127.0.0.1:${port}` } });
    currentServers = ['wss://livekit.example.org'];
    const second = await send({ path: '/', headers: { Host: `127.0.0.1:${port}` } });
    expect(cspCalls).toBe(2);
    expect(first.headers['content-security-policy']).toContain('ws://127.0.0.1:7880');
    const csp = second.headers['content-security-policy'];
    expect(csp).toContain('wss://livekit.example.org');
    expect(csp).not.toContain('127.0.0.1:7880');
  });

  it('serves no page at all when the CSP cannot be worked out', async () => {
    currentServers = [];
    const reply = await send({ path: '/', headers: { Host: `127.0.0.1:${port}` } });
    expect(reply.status).toBe(500);
    expect(reply.body).not.toContain('Augenhöhe');
  });

  it('serves a script file as JavaScript', async () => {
    const reply = await send({ path: '/app.js', headers: { Host: `127.0.0.1:${port}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    ['/../secret.txt'],
    ['/%2e%2e/secret.txt'],
    ['/..%2fsecret.txt'],
    ['/%2e%2e%2fsecret.txt'],
    ['/app.js/..%2f..%2fsecret.txt'],
    ['/..%5csecret.txt'],
    ['/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd'],
    ['/..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd'],
    ['/../../../../../../etc/passwd'],
    ['/%00/etc/passwd'],
  ])('never returns a file outside the web root for %s', async (path) => {
    const reply = await send({ path, headers: { Host: `127.0.0.1:${port}` } });
    expect(reply.body).not.toContain(secretOutsideRoot);
    expect(reply.body).not.toMatch(/root:.*:0:0:/);
    // Either refused, or the app page itself (unknown paths fall back to it).
    if (reply.status === 200) expect(reply.body).toBe(indexHtml);
  });
});

describe('local API server: malformed requests', () => {
  it.each([['//'], ['//a:b'], ['//['], ['http://['], ['//host:99999/ipc/app:info']])(
    'answers the request target %j with a typed 400, and keeps serving',
    async (path) => {
      for (const method of ['GET', 'POST']) {
        const body = method === 'POST' ? '{}' : undefined;
        const reply = await send({ method, path, headers: ipcHeaders(), body });
        expect(reply.status).toBe(400);
        expect(JSON.parse(reply.body)).toStrictEqual({
          ok: false,
          error: { code: 'invalid-request' },
        });
      }
      expect((await postIpc('app:info', {})).status).toBe(200);
    },
  );

  it.each([
    ['a body that is not JSON', 'not json'],
    ['a body larger than any request', JSON.stringify({ label: 'x'.repeat(70 * 1024) })],
  ])('answers %s with a typed 400', async (_label, body) => {
    const reply = await send({
      method: 'POST',
      path: '/ipc/consultation:create',
      headers: ipcHeaders(),
      body,
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toStrictEqual({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('local API server: network exposure', () => {
  it('is addressed on 127.0.0.1', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each([['127.0.0.2'], ['::1']])(
    'does not accept connections on %s (bound to 127.0.0.1 only)',
    async (address) => {
      const outcome = await new Promise<string>((done) => {
        const socket = connect({ host: address, port });
        socket.once('connect', () => {
          socket.destroy();
          done('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'error'));
      });
      expect(outcome).not.toBe('connected');
    },
  );
});
