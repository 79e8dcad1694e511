import { randomBytes } from 'node:crypto';
import { RoomServiceClient } from 'livekit-server-sdk';
import {
  consultationOf,
  expect,
  hostAndGuestInCall,
  hostTab,
  inboundMedia,
  mediaFrom,
  openProbe,
  operatorToken,
  serverApi,
  test,
} from './helpers';

test('a participant with a wrong key decodes nothing and is named as such; the others go on', async ({
  open,
}) => {
  const { host, guest } = await hostAndGuestInCall(open, 'Teamsitzung', 'Maria');
  const consultation = await consultationOf(host, 'Teamsitzung');

  // A token for the room (the operator can make one), but a key that is not the call's.
  const intruder = await openProbe(open);
  const identity = randomBytes(16).toString('base64url');
  await intruder.evaluate(
    async ({ serverUrl, token, key }) => {
      await window.probe.join({ serverUrl, token, key });
      await window.probe.publishCamera();
    },
    {
      serverUrl: serverApi().url,
      token: await operatorToken(consultation.callRoom, identity),
      key: randomBytes(32).toString('base64url'),
    },
  );

  // Host and guest say so, in words, and go on decoding each other.
  for (const page of [host, guest]) {
    await expect(page.getByRole('alert')).toHaveText(
      'Bild und Ton einer Person können nicht entschlüsselt werden. Sie hat wahrscheinlich einen falschen Link.',
    );
    await expect.poll(async () => (await inboundMedia(page)).framesDecoded).toBeGreaterThan(30);
  }
  await hostTab(host, 'Im Gespräch');
  await expect(
    host.getByRole('listitem').filter({ hasText: 'kann nicht entschlüsselt werden' }),
  ).toBeVisible();

  // Media does arrive at the intruder, so zero decoded frames means it could not decrypt it.
  await expect
    .poll(async () => (await intruder.evaluate(() => window.probe.state())).videoPackets)
    .toBeGreaterThan(50);
  expect((await intruder.evaluate(() => window.probe.state())).framesDecoded).toBe(0);
  // Nor did any message open for it (the names travel inside them).
  expect((await intruder.evaluate(() => window.probe.state())).packets).toBe(0);

  // And nobody decodes the intruder's camera.
  const client = new RoomServiceClient(
    serverApi().httpUrl,
    serverApi().apiKey,
    serverApi().apiSecret,
  );
  const sid = (await client.listParticipants(consultation.callRoom)).find(
    (p) => p.identity === identity,
  )?.sid;
  expect(sid).toBeTruthy();
  for (const page of [host, guest]) {
    expect((await mediaFrom(page, sid ?? '')).framesDecoded).toBe(0);
  }
});
