/**
 * Pages the bench builds from scripts/bench/renderer/<name> (never part of the app), served
 * from loopback, and the rooms and tokens they join with: the Meet yardstick and the
 * first-frame reproduction.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import react from '@vitejs/plugin-react';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { build } from 'vite';
import { projectRoot, type LocalLivekit } from '../local-livekit';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export interface BenchPage {
  origin: string;
  close(): Promise<void>;
}

/** Builds scripts/bench/renderer/<name> into out/bench-<name>-web and serves it on 127.0.0.1. */
export async function startBenchPage(name: string): Promise<BenchPage> {
  const out = join(projectRoot, 'out', `bench-${name}-web`);
  await build({
    root: join(projectRoot, 'scripts', 'bench', 'renderer', name),
    base: '/',
    logLevel: 'error',
    configFile: false,
    plugins: [react()],
    build: { outDir: out, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  });
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(out, path === '/' ? 'index.html' : path);
    if (!file.startsWith(out)) return void response.writeHead(403).end();
    readFile(file).then(
      (body) => {
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        response.writeHead(200, { 'content-type': type }).end(body);
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

/** A fresh room with a random name (the project's server makes none on a join). */
export async function createBenchRoom(livekit: LocalLivekit): Promise<string> {
  const room = randomBytes(9).toString('hex');
  await new RoomServiceClient(
    livekit.url.replace(/^ws/, 'http'),
    livekit.apiKey,
    livekit.apiSecret,
  ).createRoom({ name: room, emptyTimeout: 60 });
  return room;
}

/** A token for a random identity in `room`, allowed to publish and subscribe. */
export async function benchToken(livekit: LocalLivekit, room: string): Promise<string> {
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity: randomBytes(6).toString('hex'),
    ttl: 600,
  });
  token.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true });
  return token.toJwt();
}
