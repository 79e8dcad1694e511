import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import {
  anotherInvite,
  appOrigin,
  hostEntersCall,
  hostStartsCall,
  inboundMedia,
  inboundPacketsReceived,
  joinLinkFor,
  joinWithCameraAndMicrophone,
  newPage,
  roomOfLink,
} from './helpers';

test('a participant with a wrong key decodes nothing and is told so; the others go on', async ({
  browser,
}) => {
  const host = await newPage(browser);
  const link = await hostStartsCall(host);
  const { roomName } = roomOfLink(link);
  await hostEntersCall(host);

  const guest = await newPage(browser);
  await guest.goto(link);
  await joinWithCameraAndMicrophone(guest);

  // A valid token for the same room, but a key that is not the call's.
  const intruderInvite = await anotherInvite(host, roomName);
  const wrongKey = randomBytes(32).toString('base64url');
  const intruder = await newPage(browser);
  await intruder.goto(
    joinLinkFor(`${appOrigin()}/`, intruderInvite.serverUrl, intruderInvite.token, wrongKey),
  );
  await joinWithCameraAndMicrophone(intruder);

  await expect(intruder.getByRole('alert')).toHaveText(
    'Bild und Ton können nicht entschlüsselt werden. Der Schlüssel im Link passt nicht. Bitte fragen Sie nach einem neuen Link.',
  );
  // Media does arrive at the intruder, so zero decoded frames means it could not decrypt it.
  await expect.poll(() => inboundPacketsReceived(intruder)).toBeGreaterThan(50);
  expect((await inboundMedia(intruder)).framesDecoded).toBe(0);

  // Host and guest still decode each other, and see that one person cannot be decrypted.
  for (const page of [host, guest]) {
    await expect.poll(async () => (await inboundMedia(page)).framesDecoded).toBeGreaterThan(30);
    await expect(page.getByRole('alert')).toHaveText(
      'Bild und Ton einer Person können nicht entschlüsselt werden. Sie hat wahrscheinlich einen falschen Link.',
    );
  }
  expect((await inboundMedia(intruder)).framesDecoded).toBe(0);
});
