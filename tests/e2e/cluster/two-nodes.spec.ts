/**
 * LiveKit's multi-node mode: two `livekit-server` nodes sharing Debian's redis-server on
 * loopback (scripts/livekit-cluster.ts). Consultations are made on both nodes, and a call
 * is held whose two people connect to different nodes, end to end encrypted.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoomServiceClient } from 'livekit-server-sdk';
import {
  redisAvailable,
  startLivekitCluster,
  type LivekitCluster,
} from '../../../scripts/livekit-cluster';
import { serveGuestPage, type GuestPage } from '../../../scripts/web';
import { webBuildDir } from '../../../scripts/web-build';
import type { LocalApiServer } from '../../../src-main/browser-mode/local-api-server';
import { runBrowserMode } from '../../../src-main/browser-mode/run-browser-mode';
import { createMemoryLogSink } from '../../../src-main/services/logger';
import { createMemorySecretStore } from '../../../src-main/services/secret-store';
import {
  expect,
  expectEncrypted,
  guestKnocks,
  hostAdmits,
  hostApi,
  hostBegins,
  hostCreatesConsultation,
  inboundMedia,
  test as appTest,
  type Consultation,
} from '../helpers';

interface ClusterWorld {
  cluster: LivekitCluster;
  app: LocalApiServer;
  guestPage: GuestPage;
}

const test = appTest.extend<{ world: ClusterWorld }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from this pattern.
  world: async ({}, use, testInfo) => {
    const missing = redisAvailable();
    testInfo.skip(missing !== null, `the two-node cluster needs Redis: ${missing}`);
    const cluster = await startLivekitCluster();
    const [a, b] = cluster.nodes;
    const dataDir = mkdtempSync(join(tmpdir(), 'augenhoehe-cluster-'));
    let app: LocalApiServer | undefined;
    let guestPage: GuestPage | undefined;
    try {
      app = await runBrowserMode({
        localServer: {
          serverUrl: a.livekit.url,
          apiKey: cluster.apiKey,
          apiSecret: cluster.apiSecret,
        },
        secrets: createMemorySecretStore(),
        logSink: createMemoryLogSink(),
        logDir: join(dataDir, 'logs'),
        staticRoot: webBuildDir,
        dataDir,
      });
      // Guests open their links here; in production every node sits behind one name, so
      // the page may reach both.
      guestPage = await serveGuestPage({
        staticRoot: webBuildDir,
        livekitUrls: [a.livekit.url, b.livekit.url],
      });
      await use({ cluster, app, guestPage });
    } finally {
      await guestPage?.close();
      await app?.close();
      await cluster.stop();
    }
  },
});

test.setTimeout(240_000);

/** Points the host's app at one node, as a worker would in the settings. */
async function pointAppAt(host: Parameters<typeof hostApi>[0], world: ClusterWorld, node: 0 | 1) {
  await hostApi(host, 'settings:save', {
    mode: 'custom',
    serverUrl: world.cluster.nodes[node].livekit.url,
    apiKey: world.cluster.apiKey,
    apiSecret: world.cluster.apiSecret,
    guestPageUrl: world.guestPage.url,
  });
}

/** Node ids where the server started an RTC session for this identity (from its log). */
function sessionsOf(world: ClusterWorld, identity: string): string[] {
  return world.cluster.nodes
    .filter((node) =>
      readFileSync(node.logFile, 'utf8')
        .split('\n')
        .some((line) => line.includes('starting RTC session') && line.includes(`"${identity}"`)),
    )
    .map((node) => node.nodeId);
}

test('two nodes with Redis: rooms on both, and a call across them stays end-to-end encrypted', async ({
  world,
  open,
}) => {
  const [a, b] = world.cluster.nodes;
  const host = await open();
  await host.goto(world.app.appUrl);

  // A consultation made while the settings point at node A lives on A, one made with the
  // settings at node B lives on B.
  await pointAppAt(host, world, 1);
  await hostCreatesConsultation(host, 'Familie B.', 1, world.app.appUrl);
  await pointAppAt(host, world, 0);
  const [link = ''] = await hostCreatesConsultation(host, 'Familie A.', 1, world.app.appUrl);
  const { consultations } = await hostApi<{ consultations: Consultation[] }>(
    host,
    'consultation:list',
    {},
  );
  const byLabel = (label: string) => consultations.find((c) => c.label === label);
  expect(world.cluster.nodeOfRoom(byLabel('Familie A.')?.waitingRoom ?? '')).toBe(a.nodeId);
  expect(world.cluster.nodeOfRoom(byLabel('Familie B.')?.waitingRoom ?? '')).toBe(b.nodeId);
  const callRoom = byLabel('Familie A.')?.callRoom ?? '';

  // The host joins through node A.
  await hostBegins(host, 'Familie A.');
  expect(world.cluster.nodeOfRoom(callRoom)).toBe(a.nodeId);
  // From now on the app hands out node B's address, as a load balancer might: the door her
  // knock opens, and so her call, sends her to node B, while the room lives on node A.
  await pointAppAt(host, world, 1);
  const guest = await open();
  await guestKnocks(guest, link, 'Berta');
  await hostAdmits(host, 'Berta');
  await expectEncrypted(guest);
  await expect(host.getByLabel('Video: Berta')).toBeVisible();
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
  for (const page of [host, guest]) {
    await expect
      .poll(async () => (await inboundMedia(page)).framesDecoded, { timeout: 60_000 })
      .toBeGreaterThan(10);
    await expect
      .poll(async () => (await inboundMedia(page)).audioEnergy, { timeout: 60_000 })
      .toBeGreaterThan(0);
  }

  // Which node each of them is on: the guest's signalling went to node B ...
  const guestSockets = await guest.evaluate(() => window.__webSockets);
  expect(guestSockets.some((url) => url.startsWith(`${b.livekit.url}/`))).toBe(true);
  const hostSockets = await host.evaluate(() => window.__webSockets);
  expect(hostSockets.every((url) => url.startsWith(`${a.livekit.url}/`))).toBe(true);
  // ... and node B relayed it to the room's node: both sessions run on node A, as the
  // server API (asked through node B) and node A's log say.
  const api = new RoomServiceClient(
    b.livekit.url.replace(/^ws/, 'http'),
    world.cluster.apiKey,
    world.cluster.apiSecret,
  );
  const people = await api.listParticipants(callRoom);
  expect(people).toHaveLength(2);
  for (const person of people) expect(sessionsOf(world, person.identity)).toEqual([a.nodeId]);
  // Media goes to node A's UDP port, whichever node carried the signalling.
  const mediaPorts = await guest.evaluate(async () => {
    const ports: number[] = [];
    for (const pc of window.__peerConnections) {
      if (pc.connectionState !== 'connected') continue;
      const stats = await pc.getStats();
      stats.forEach((report: { type: string; state?: string; remoteCandidateId?: string }) => {
        if (report.type !== 'candidate-pair' || report.state !== 'succeeded') return;
        const remote = stats.get(report.remoteCandidateId ?? '') as { port?: number };
        if (remote?.port) ports.push(remote.port);
      });
    }
    return ports;
  });
  expect(mediaPorts.length).toBeGreaterThan(0);
  expect(new Set(mediaPorts)).toEqual(new Set([a.udpPort]));
});
