/**
 * The operator acts: it mints itself a token, joins unencrypted, publishes a camera, and
 * sends whatever it likes in anyone's format; or someone who holds the room key tries to
 * speak with the host's authority. Nothing of it may change what anyone sees or hears.
 */
import { randomBytes } from 'node:crypto';
import { RoomServiceClient } from 'livekit-server-sdk';
import {
  consultationOf,
  expect,
  framesShown,
  hostAndGuestInCall,
  hostTab,
  identityIn,
  mediaFrom,
  openProbe,
  operatorToken,
  rejectedCount,
  safetyCode,
  serverApi,
  test,
} from './helpers';

test('an operator who joins unencrypted with a token of its own is not shown, not heard, not believed, and can be removed', async ({
  open,
}) => {
  const server = serverApi();
  const client = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
  const { host, guest } = await hostAndGuestInCall(open, 'Angriff', 'Maria');
  const consultation = await consultationOf(host, 'Angriff');
  const code = await safetyCode(guest);
  expect(await safetyCode(host)).toBe(code);

  const operator = await openProbe(open);
  const identity = randomBytes(16).toString('base64url');
  await operator.evaluate(
    async ({ serverUrl, token }) => {
      await window.probe.join({ serverUrl, token });
      await window.probe.publishCamera();
      await window.probe.publishMicrophone();
      const plain = (topic: string, message: object) =>
        window.probe.sendPlain(topic, JSON.stringify(message));
      // The formats the app used before, and garbage on the app's sealed topic.
      for (const topic of ['augenhoehe.control.v1', 'augenhoehe.sealed.v1']) {
        await plain(topic, { type: 'hello', name: 'Eindringling', consent: [] });
        await plain(topic, { type: 'rekey', key: 'A'.repeat(43), index: 7 });
        await plain(topic, { type: 'outcomes-answer', state: 'confirmed', comment: '' });
        await plain(topic, { type: 'end' });
      }
      await window.probe.sendText('augenhoehe.chat.v1', 'Gefälschte Nachricht vom Server');
    },
    { serverUrl: server.url, token: await operatorToken(consultation.callRoom, identity) },
  );

  // The host sees honestly what it is, and neither page shows or plays it.
  await hostTab(host, 'Im Gespräch');
  const row = host.getByRole('listitem').filter({ hasText: 'nicht verschlüsselt' });
  await expect(row).toBeVisible();
  await expect(
    host.getByRole('alert').filter({ hasText: 'sendet ohne Verschlüsselung' }),
  ).toBeVisible();
  await expect.poll(() => rejectedCount(guest)).toBeGreaterThanOrEqual(4);
  const sid = (await client.listParticipants(consultation.callRoom)).find(
    (p) => p.identity === identity,
  )?.sid;
  expect(sid).toBeTruthy();
  for (const page of [host, guest]) {
    // Never subscribed: no track of theirs reached a video or audio element.
    expect(await mediaFrom(page, sid ?? '')).toStrictEqual({ tracks: 0, framesDecoded: 0 });
    await expect(page.getByText('Eindringling')).toHaveCount(0);
    await expect(page.getByText('Gefälschte Nachricht')).toHaveCount(0);
    // Not moved to a key the operator chose, not ended.
    expect(await safetyCode(page)).toBe(code);
  }
  await expect(guest.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toHaveCount(0);
  // Host and guest go on.
  const frames = await framesShown(guest, 'Video: Frau Berger');
  await expect.poll(() => framesShown(guest, 'Video: Frau Berger')).toBeGreaterThan(frames + 20);

  // The host removes it; the call moves to a new key, which only the guest receives.
  await row.getByRole('button', { name: /entfernen/ }).click();
  await expect
    .poll(async () => (await operator.evaluate(() => window.probe.state())).removed)
    .toBe(true);
  await expect.poll(() => safetyCode(guest)).not.toBe(code);
  await expect.poll(() => safetyCode(host)).toBe(await safetyCode(guest));
  const after = await framesShown(guest, 'Video: Frau Berger');
  await expect.poll(() => framesShown(guest, 'Video: Frau Berger')).toBeGreaterThan(after + 10);
});

test('someone who holds the room key still cannot forge a key change, a removal or the end of the call', async ({
  open,
}) => {
  const server = serverApi();
  const { host, guest } = await hostAndGuestInCall(open, 'Fälschung', 'Maria');
  const consultation = await consultationOf(host, 'Fälschung');
  const { identity: maria } = await identityIn(guest, consultation.callRoom);
  const code = await safetyCode(guest);
  const rejectedBefore = await rejectedCount(guest);

  // A participant with the call's key (as any admitted guest has), signing with its own key.
  const forger = await openProbe(open);
  await forger.evaluate(
    async ({ serverUrl, token, key, keyIndex, maria }) => {
      await window.probe.join({ serverUrl, token, key, keyIndex });
      // Wait until Maria is there to receive it.
      while (!window.probe.remoteIdentities().includes(maria)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const point = `B${'A'.repeat(86)}`;
      await window.probe.sendSealed('rekey', {
        index: keyIndex + 1,
        ecdh: point,
        boxes: [],
        removed: [maria],
      });
      await window.probe.sendSealed('end', {});
      await window.probe.sendSealed('home-view-request', { to: maria, reason: 'Zeigen Sie alles' });
    },
    {
      serverUrl: server.url,
      token: await operatorToken(consultation.callRoom, randomBytes(16).toString('base64url')),
      key: consultation.callKey,
      keyIndex: consultation.keyIndex,
      maria,
    },
  );

  await expect.poll(() => rejectedCount(guest)).toBeGreaterThanOrEqual(rejectedBefore + 3);
  // Maria is still in the call, on the same key, not asked anything, not sent anywhere.
  expect(await safetyCode(guest)).toBe(code);
  await expect(guest.getByText('Zeigen Sie alles')).toHaveCount(0);
  await expect(guest.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toHaveCount(0);
  await expect(guest.getByRole('heading', { name: 'Warteraum' })).toHaveCount(0);
  const frames = await framesShown(guest, 'Video: Frau Berger');
  await expect.poll(() => framesShown(guest, 'Video: Frau Berger')).toBeGreaterThan(frames + 20);
  expect(await safetyCode(host)).toBe(code);
});
