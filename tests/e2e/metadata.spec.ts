import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { RoomServiceClient } from 'livekit-server-sdk';
import {
  appOrigin,
  consultationItems,
  expect,
  guestKnocks,
  hostAdmits,
  hostApi,
  hostBegins,
  hostCreatesConsultation,
  serverApi,
  test,
  type Consultation,
} from './helpers';

/** Every address a page talks to: HTTP requests, WebSockets, and the far end of its ICE pairs. */
async function recordTraffic(page: Page): Promise<() => Promise<string[]>> {
  const seen = new Set<string>();
  page.on('request', (request) => seen.add(request.url()));
  page.on('websocket', (socket) => seen.add(socket.url()));
  return async () => {
    const ice = await page.evaluate(async () => {
      const found: string[] = [];
      for (const pc of window.__peerConnections) {
        for (const server of pc.getConfiguration().iceServers ?? [])
          found.push(`ice-server:${String(server.urls)}`);
        if (pc.connectionState === 'closed') continue;
        (await pc.getStats()).forEach(
          (report: { type: string; address?: string; port?: number }) => {
            if (report.type === 'remote-candidate')
              found.push(`ice:${report.address ?? ''}:${report.port ?? ''}`);
          },
        );
      }
      return found;
    });
    return [...seen, ...ice];
  };
}

function allowed(target: string): boolean {
  const server = serverApi();
  const livekit = new URL(server.url);
  if (target.startsWith('data:') || target.startsWith('blob:')) return true;
  if (target.startsWith('ice:')) return target.startsWith('ice:127.0.0.1:');
  if (target.startsWith('ice-server:')) return false;
  const url = new URL(target);
  return url.origin === appOrigin() || url.host === livekit.host;
}

test('a session reaches only the app and the configured server; no public STUN, no third party', async ({
  open,
}) => {
  const host = await open();
  const hostTraffic = await recordTraffic(host);
  const [link] = await hostCreatesConsultation(host, 'Netzwerk');
  await hostBegins(host, 'Netzwerk');
  const guest = await open();
  const guestTraffic = await recordTraffic(guest);
  await guestKnocks(guest, link ?? '', 'Noor');
  await hostAdmits(host, 'Noor');
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
  for (const traffic of [hostTraffic, guestTraffic]) {
    const targets = await traffic();
    expect(targets.length).toBeGreaterThan(3);
    expect(targets.filter((target) => !allowed(target))).toEqual([]);
  }
});

test("the server operator and the app's logs learn no name, label, message or link", async ({
  open,
}) => {
  const server = serverApi();
  const client = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
  const label = 'Fall Quasimodo-7781';
  const hostName = 'Ottilie Wunderlich';
  const guestName = 'Zebulon Quartermaine';
  const host = await open();
  const [link] = await hostCreatesConsultation(host, label);
  const item = consultationItems(host, label).first();
  await item.getByRole('button', { name: 'Beratung beginnen' }).click();
  await host.getByLabel('Ihr Name im Gespräch').fill(hostName);
  await host.getByLabel('Meine Kamera einschalten').check();
  await host.getByRole('button', { name: 'Gespräch beitreten' }).click();
  const guest = await open();
  await guestKnocks(guest, link ?? '', guestName);
  await hostAdmits(host, guestName);
  await expect(guest.getByLabel(`Video: ${hostName}`)).toBeVisible();
  await expect(host.getByLabel(`Video: ${guestName}`)).toBeVisible();

  const { consultations } = await hostApi<{ consultations: Consultation[] }>(
    host,
    'consultation:list',
    {},
  );
  const consultation = consultations.find((c) => c.label === label);
  expect(consultation).toBeDefined();
  const { call } = await hostApi<{ call: { token: string } }>(host, 'consultation:host-tickets', {
    id: consultation?.id,
  });

  // What the operator has: server log (info level), room and participant records, tokens.
  const rooms = await client.listRooms();
  const participants = await Promise.all(rooms.map((room) => client.listParticipants(room.name)));
  const waitingToken = new URLSearchParams(new URL(link ?? '').hash.slice(1)).get('w') ?? '';
  const decode = (token: string) =>
    Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8');
  const serverLog = readFileSync(
    join(process.cwd(), '.local', 'livekit', 'test', 'server.log'),
    'utf8',
  );
  const operatorSees = [
    serverLog,
    JSON.stringify(rooms.map((room) => room.toJson())),
    JSON.stringify(participants.flat().map((p) => p.toJson())),
    decode(waitingToken),
    decode(call.token),
  ].join('\n');
  // The app's own log files (browser mode writes them like the desktop app).
  const logDir = process.env.AUGENHOEHE_E2E_LOG_DIR ?? '';
  const appLogs = readdirSync(logDir)
    .map((file) => readFileSync(join(logDir, file), 'utf8'))
    .join('\n');
  expect(appLogs.length).toBeGreaterThan(0);

  const secrets = [
    label,
    'Quasimodo',
    hostName,
    guestName,
    'Zebulon',
    'Wunderlich',
    consultation?.callKey ?? 'x',
  ];
  for (const secret of secrets) {
    expect(operatorSees).not.toContain(secret);
    expect(appLogs).not.toContain(secret);
  }
  // Nor do the app's logs hold identifiers or links in clear.
  for (const secret of [
    consultation?.callRoom ?? 'x',
    consultation?.waitingRoom ?? 'x',
    waitingToken,
    link ?? 'x',
  ]) {
    expect(appLogs).not.toContain(secret);
  }

  // The in-app explanation of exactly this ("Mehr", then "Was der Server sehen kann").
  await guest.getByRole('button', { name: 'Mehr', exact: true }).click();
  await guest.getByText('Was der Server sehen kann').click();
  await expect(guest.getByText('Namen oder die Bezeichnung der Beratung')).toBeVisible();
});

test('two sessions of the same guest share no room name, no identity and no device address', async ({
  open,
}) => {
  const server = serverApi();
  const client = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
  const seen: { rooms: string[]; identities: string[] }[] = [];
  for (const session of ['Woche 1', 'Woche 2']) {
    const host = await open();
    const [link] = await hostCreatesConsultation(host, session);
    await hostBegins(host, session);
    const guest = await open();
    await guestKnocks(guest, link ?? '', 'Dieselbe Person');
    await hostAdmits(host, 'Dieselbe Person');
    await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
    const { consultations } = await hostApi<{ consultations: Consultation[] }>(
      host,
      'consultation:list',
      {},
    );
    const consultation = consultations.find((c) => c.label === session);
    const rooms = [consultation?.callRoom ?? '', consultation?.waitingRoom ?? ''];
    const identities = (await client.listParticipants(rooms[0] ?? '')).map((p) => p.identity);
    expect(identities).toHaveLength(2);
    seen.push({ rooms, identities });
    await guest.close();
    await host.close();
  }
  const [first, second] = seen;
  for (const id of [...(first?.rooms ?? []), ...(first?.identities ?? [])]) {
    expect([...(second?.rooms ?? []), ...(second?.identities ?? [])]).not.toContain(id);
  }
  // The server never got a candidate naming the device's own addresses (its network
  // interfaces), which would be the same in both sessions: only the address the
  // connection itself comes from (peer-reflexive), as for any server on the way.
  const serverLog = readFileSync(
    join(process.cwd(), '.local', 'livekit', 'test', 'server.log'),
    'utf8',
  );
  const ours = serverLog
    .split('\n')
    .filter((line) => seen.some((session) => session.rooms.some((room) => line.includes(room))));
  const remoteCandidates = ours.flatMap((line) => line.match(/\[remote\][^"]*/g) ?? []);
  expect(remoteCandidates.length).toBeGreaterThan(0);
  for (const candidate of remoteCandidates) expect(candidate).not.toMatch(/ (host|srflx) /);
});
