import { randomBytes } from 'node:crypto';
import { expect, hostAndGuestInCall, inboundMedia, joinCallDirectly, test } from './helpers';

test('a participant with a wrong key decodes nothing and is told so; the others go on', async ({
  open,
}) => {
  const { host, guest } = await hostAndGuestInCall(open, 'Teamsitzung', 'Maria');

  // A valid call token for the same room, but a key that is not the call's.
  const intruder = await open();
  await joinCallDirectly(intruder, host, {
    label: 'Teamsitzung',
    key: randomBytes(32).toString('base64url'),
    name: 'Eindringling',
    camera: true,
  });

  await expect(intruder.getByRole('alert')).toHaveText(
    'Bild und Ton können nicht entschlüsselt werden. Der Schlüssel im Link passt nicht. Bitte fragen Sie nach einem neuen Link.',
  );
  // Media does arrive at the intruder, so zero decoded frames means it could not decrypt it.
  await expect.poll(async () => (await inboundMedia(intruder)).videoPackets).toBeGreaterThan(50);
  expect((await inboundMedia(intruder)).framesDecoded).toBe(0);
  // Nor did the name, which travels encrypted.
  await expect(intruder.getByText('Frau Berger')).toHaveCount(0);

  // Host and guest still decode each other, and see that one person cannot be decrypted.
  for (const page of [host, guest]) {
    await expect.poll(async () => (await inboundMedia(page)).framesDecoded).toBeGreaterThan(30);
    await expect(page.getByRole('alert')).toHaveText(
      'Bild und Ton einer Person können nicht entschlüsselt werden. Sie hat wahrscheinlich einen falschen Link.',
    );
  }
  expect((await inboundMedia(intruder)).framesDecoded).toBe(0);
});
