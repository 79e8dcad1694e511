/**
 * The Meet yardstick for the call-load figures (`…_meet`): a build of
 * scripts/bench/renderer/meet-reference (LiveKit's own components with Meet's room options,
 * see its main.tsx) served from loopback, and two people put into one encrypted room with
 * it. Bench only; nothing here is part of the app.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser } from '@playwright/test';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { build } from 'vite';
import { projectRoot, type LocalLivekit } from '../local-livekit';
import { newPerson, type Person } from './journeys';
import type { ProbeOptions } from './probe';

const SOURCE = join(projectRoot, 'scripts', 'bench', 'renderer', 'meet-reference');
const OUT = join(projectRoot, 'out', 'bench-meet-web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export interface MeetReference {
  origin: string;
  close(): Promise<void>;
}

/** Builds the reference page and serves it on 127.0.0.1. */
export async function startMeetReference(): Promise<MeetReference> {
  await build({
    root: SOURCE,
    base: '/',
    logLevel: 'error',
    configFile: false,
    plugins: [react()],
    build: { outDir: OUT, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  });
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(OUT, path === '/' ? 'index.html' : path);
    if (!file.startsWith(OUT)) return void response.writeHead(403).end();
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        });
        response.end(body);
      },
      () => void response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Host and guest in one encrypted room of the reference page, both seeing the other. */
export async function meetCall(
  reference: MeetReference,
  livekit: LocalLivekit,
  browsers: [Browser, Browser],
  probe: ProbeOptions,
): Promise<{ host: Person; guest: Person }> {
  const room = randomBytes(9).toString('hex');
  // The project's server makes no rooms on a join (see scripts/local-livekit.ts).
  await new RoomServiceClient(
    livekit.url.replace(/^ws/, 'http'),
    livekit.apiKey,
    livekit.apiSecret,
  ).createRoom({ name: room, emptyTimeout: 60 });
  const passphrase = randomBytes(16).toString('hex');
  const people: Person[] = [];
  for (const browser of browsers) {
    const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
      identity: randomBytes(6).toString('hex'),
      ttl: 600,
    });
    token.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true });
    const fragment = new URLSearchParams({
      url: livekit.url,
      token: await token.toJwt(),
      key: passphrase,
    });
    const person = await newPerson(browser, probe);
    await person.page.goto(`${reference.origin}/#${fragment.toString()}`);
    people.push(person);
  }
  const [host, guest] = people as [Person, Person];
  // Each sees the other's camera: a remote <video> showing frames.
  for (const { page } of people) {
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('video')].some(
          (video) =>
            !video.closest('[data-lk-local-participant="true"]') &&
            video.readyState >= 2 &&
            video.videoWidth > 0,
        ),
      undefined,
      { timeout: 30_000, polling: 200 },
    );
  }
  return { host, guest };
}
