import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { RoomServiceClient } from 'livekit-server-sdk';
import {
  type Consultation,
  consultationOf,
  expect,
  guestKnocks,
  hostAdmits,
  hostApi,
  hostBegins,
  hostCreatesConsultation,
  hostTab,
  grantsJoined,
  inboundMedia,
  openProbe,
  operatorToken,
  roomsJoined,
  serverApi,
  test,
} from './helpers';

/** The door a knock opens into the call's room: hidden, and no power at all. */
const doorGrants = {
  hidden: true,
  canPublish: false,
  canSubscribe: false,
  canPublishData: false,
};

test('a guest who arrives before the host is told so, and is let in once the host begins', async ({
  open,
}) => {
  const host = await open();
  const [link] = await hostCreatesConsultation(host, 'Schuldnerberatung');
  const guest = await open();
  await guestKnocks(guest, link ?? '', 'Ali');
  await expect(
    guest.getByText('Ihre Gesprächspartnerin oder Ihr Gesprächspartner ist noch nicht da.', {
      exact: false,
    }),
  ).toBeVisible();

  await hostBegins(host, 'Schuldnerberatung');
  await expect(guest.getByText('Sie werden gleich hereingebeten.')).toBeVisible();
  await expect(host.getByText(/wartet seit/)).toBeVisible();
  await hostAdmits(host, 'Ali');
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
  await expect(host.getByLabel('Video: Ali')).toBeVisible();
  // She was let in where her door had put her while she waited: the call runs on that one
  // connection (README, "The call joined ahead").
  const [, ...call] = await grantsJoined(guest);
  expect(call).toEqual([expect.objectContaining(doorGrants)]);
});

test('let in before her door opened, a guest joins the call under a new identity', async ({
  open,
}) => {
  const host = await open();
  const [link] = await hostCreatesConsultation(host, 'Erstgespräch');
  await hostBegins(host, 'Erstgespräch');
  const guest = await open();
  // Her door's connection never gets through (a slow line, say): the server never sees her
  // behind it, so the host's app cannot let her in there.
  let doorIdentity: string | undefined;
  await guest.routeWebSocket(
    (url) => {
      const token = url.searchParams.get('access_token') ?? '';
      const claims = JSON.parse(
        Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
      ) as { sub?: string; video?: { hidden?: boolean; canSubscribe?: boolean } };
      const door = claims.video?.hidden === true && claims.video.canSubscribe === false;
      if (door) doorIdentity = claims.sub;
      return door;
    },
    () => {}, // held open, never answered
  );
  await guestKnocks(guest, link ?? '', 'Ali');
  await expect(guest.getByText('Sie werden gleich hereingebeten.')).toBeVisible();
  await expect.poll(() => doorIdentity).toBeDefined();
  await hostAdmits(host, 'Ali');
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
  await expect(host.getByLabel('Video: Ali')).toBeVisible();
  // The routed door never reached the page's list of connections: the call is the second.
  const [, call] = await grantsJoined(guest);
  expect(call).toEqual(
    expect.objectContaining({ canPublish: true, canSubscribe: true, canPublishData: true }),
  );
  expect(call?.hidden).toBeFalsy();
  expect(call?.identity).not.toBe(doorIdentity);
});

test('a declined guest gets a kind message and never reaches the call', async ({ open }) => {
  const host = await open();
  const [link] = await hostCreatesConsultation(host, 'Elterngespräch');
  await hostBegins(host, 'Elterngespräch');
  const guest = await open();
  await guestKnocks(guest, link ?? '', 'Unbekannt');
  // While she waits, the call's room is made ready, with its worker: the only one on her
  // page, since the waiting room runs none.
  await expect.poll(() => guest.workers().length).toBe(1);
  const [consultation] = (
    await hostApi<{ consultations: Consultation[] }>(host, 'consultation:list', {})
  ).consultations;
  const doorsTaken = async () =>
    (await grantsJoined(guest)).filter((g) => g.room === consultation?.callRoom);
  // Declined only once her knock's door has taken her into the call's room (on a busy
  // machine the host can click before the door arrives): what she may do there is the point.
  await expect.poll(async () => (await doorsTaken()).length).toBe(1);
  await host.getByRole('button', { name: 'Unbekannt ablehnen' }).click();
  await expect(
    guest.getByRole('heading', { name: 'Sie wurden nicht hereingelassen' }),
  ).toBeVisible();
  await expect(
    guest.getByText('Wenn Sie Fragen haben, melden Sie sich bitte bei Ihrer Beratungsstelle.', {
      exact: false,
    }),
  ).toBeVisible();
  await expect(host.getByText('Niemand wartet.')).toBeVisible();
  // She was in the call's room only through the door her knock opened: hidden, powerless.
  const inCall = await doorsTaken();
  expect(inCall).toEqual([expect.objectContaining(doorGrants)]);
  expect(await inboundMedia(guest)).toEqual({ framesDecoded: 0, audioEnergy: 0, videoPackets: 0 });
  // Nothing of either room is left running on her page.
  await expect.poll(() => guest.workers().length).toBe(0);
});

test('a guest waiting while others talk learns nothing of the call', async ({ open }) => {
  const host = await open();
  const [first, second] = await hostCreatesConsultation(host, 'Gruppe Dienstag', 2);
  await hostBegins(host, 'Gruppe Dienstag');

  const inCall = await open();
  await guestKnocks(inCall, first ?? '', 'Familie A');
  await hostAdmits(host, 'Familie A');
  await expect(inCall.getByLabel('Video: Frau Berger')).toBeVisible();

  const waiting = await open();
  await guestKnocks(waiting, second ?? '', 'Familie B');
  await expect(waiting.getByText('Sie werden gleich hereingebeten.')).toBeVisible();
  // Let the call run for a while with the second family waiting.
  await expect.poll(async () => (await inboundMedia(inCall)).framesDecoded).toBeGreaterThan(30);

  const { consultations } = await hostApi<{ consultations: Consultation[] }>(
    host,
    'consultation:list',
    {},
  );
  const consultation = consultations.find((c) =>
    c.invites.some((invite) => invite.webUrl === second),
  );
  expect(consultation).toBeDefined();
  // From the waiting guest's side: the waiting room, and the call's room only through her
  // door (hidden, no powers: main's doorGrant), no media arrived, and nobody's name from the
  // call (nor the other family's) is on the page.
  await expect.poll(() => roomsJoined(waiting)).toHaveLength(2);
  const [waitingRoom, door] = await grantsJoined(waiting);
  expect(waitingRoom?.room).toBe(consultation?.waitingRoom);
  expect(door).toEqual(expect.objectContaining({ room: consultation?.callRoom, ...doorGrants }));
  expect(await inboundMedia(waiting)).toEqual({
    framesDecoded: 0,
    audioEnergy: 0,
    videoPackets: 0,
  });
  const text = await waiting.locator('body').innerText();
  expect(text).not.toContain('Frau Berger');
  expect(text).not.toContain('Familie A');
  // Nobody in the call sees her there: the host's and the other family's screens show the
  // two of them only.
  for (const page of [host, inCall]) await expect(page.getByLabel(/^Video: /)).toHaveCount(2);
});

test('the waiting room is joined while she checks her devices; the host sees her only once she steps in', async ({
  open,
}) => {
  const host = await open();
  const [link] = await hostCreatesConsultation(host, 'Hilfeplan');
  await hostBegins(host, 'Hilfeplan');
  await hostTab(host, 'Warteraum');
  const [consultation] = (
    await hostApi<{ consultations: Consultation[] }>(host, 'consultation:list', {})
  ).consultations;

  const guest = await open();
  await guest.goto(link ?? '');
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await guest.getByLabel('Ihr Name').fill('Dana');
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await expect(guest.getByRole('button', { name: 'In den Warteraum' })).toBeVisible();
  // Still on the device check: the waiting room is joined, and the host's "I am here" has
  // reached her (a message on her data channel) ...
  await expect.poll(() => roomsJoined(guest)).toEqual([consultation?.waitingRoom]);
  await expect.poll(() => dataMessagesReceived(guest)).toBeGreaterThan(0);
  // ... but her name has not left: the host lists nobody.
  await expect(host.getByText('Niemand wartet.')).toBeVisible();
  await expect(host.getByText('Dana', { exact: false })).toHaveCount(0);
  // The waiting room opened no audio device: making one waits on her page for the browser's
  // audio service, which froze it while she typed where that had not started yet.
  expect(await guest.evaluate(() => window.__audioContexts.length)).toBe(0);
  // And no media slots: her one connection carries messages only (livekit-client would
  // have opened six, about a third of her page's longest task on the way in). The
  // host's waiting room has none either, beside the call's connection with its slots.
  expect(await mediaSlots(guest)).toEqual([0]);
  const hostSlots = await mediaSlots(host);
  expect(hostSlots).toHaveLength(2);
  expect(hostSlots[0]).toBe(0);
  expect(hostSlots[1]).toBeGreaterThan(0);

  await guest.getByRole('button', { name: 'In den Warteraum' }).click();
  await expect(guest.getByText('Sie werden gleich hereingebeten.')).toBeVisible();
  await expect(host.getByRole('button', { name: 'Dana hereinlassen' })).toBeVisible();
  // One room: stepping in joined nothing new. One worker: the call's, made ready while she
  // waits (the waiting room runs none).
  expect(await roomsJoined(guest)).toEqual([consultation?.waitingRoom]);
  await expect.poll(() => guest.workers().length).toBe(1);
  await hostAdmits(host, 'Dana');
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
});

/** Each open peer connection's count of media slots (transceivers), fewest first. */
async function mediaSlots(page: Page): Promise<number[]> {
  const counts = await page.evaluate(() =>
    window.__peerConnections
      .filter((pc) => pc.connectionState !== 'closed')
      .map((pc) => pc.getTransceivers().length),
  );
  return counts.sort((a, b) => a - b);
}

/** Messages the page's open peer connections received on their data channels. */
async function dataMessagesReceived(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let received = 0;
    for (const pc of window.__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((report: { type: string; messagesReceived?: number }) => {
        if (report.type === 'data-channel') received += report.messagesReceived ?? 0;
      });
    }
    return received;
  });
}

test('an operator who joins the waiting room sees only sealed bytes, and is not believed', async ({
  open,
}) => {
  const server = serverApi();
  const client = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
  const host = await open();
  const [link] = await hostCreatesConsultation(host, 'Wohngeld');
  await hostBegins(host, 'Wohngeld');
  const { waitingRoom } = await consultationOf(host, 'Wohngeld');
  const hostIdentity = (await client.listParticipants(waitingRoom))[0]?.identity ?? '';
  expect(hostIdentity).not.toBe('');

  // The waiting room carries no LiveKit encryption (it runs no E2EE worker): what the app
  // seals is all there is between the server and what its people say there.
  const operator = await openProbe(open);
  await operator.evaluate(
    async ({ serverUrl, token }) => {
      await window.probe.join({ serverUrl, token });
      // The formats a server could try: an unsealed "let in", a knock, the end.
      for (const message of [{ type: 'admit' }, { type: 'knock', name: 'Eindringling' }]) {
        await window.probe.sendPlain('augenhoehe.sealed.v1', JSON.stringify(message));
      }
    },
    {
      serverUrl: server.url,
      token: await operatorToken(waitingRoom, randomBytes(16).toString('base64url')),
    },
  );
  const guest = await open();
  await guestKnocks(guest, link ?? '', 'Ali');
  await expect(guest.getByText('Sie werden gleich hereingebeten.')).toBeVisible();
  await expect(host.getByText('Ali', { exact: false }).first()).toBeVisible();
  await expect(host.getByText('Eindringling')).toHaveCount(0);

  // The host says "I am here" to everyone in the room now and then: the operator hears it.
  await expect
    .poll(async () => (await operator.evaluate(() => window.probe.packetsSeen())).length, {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
  const packets = await operator.evaluate(() => window.probe.packetsSeen());
  for (const { topic, bytes } of packets) {
    expect(topic).toBe('augenhoehe.sealed.v1');
    // Sealed whole: version 2, and neither the type, the sender, nor any header in the clear.
    expect(bytes[0]).toBe(2);
    const text = Buffer.from(bytes).toString('latin1');
    for (const clear of ['host-present', hostIdentity, '"t"', '"f"'])
      expect(text).not.toContain(clear);
  }
});
