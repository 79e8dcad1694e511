import { randomBytes } from 'node:crypto';
import {
  appOrigin,
  type Consultation,
  expect,
  guestKnocks,
  hostAdmits,
  hostApi,
  hostBegins,
  hostCreatesConsultation,
  inboundMedia,
  test,
} from './helpers';

test('a participant with a wrong key decodes nothing and is told so; the others go on', async ({
  open,
}) => {
  const host = await open();
  const [link] = await hostCreatesConsultation(host, 'Teamsitzung');
  await hostBegins(host, 'Teamsitzung');
  const guest = await open();
  await guestKnocks(guest, link ?? '', 'Maria');
  await hostAdmits(host, 'Maria');
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();

  // A valid call token for the same room, but a key that is not the call's.
  const [consultation] = (
    await hostApi<{ consultations: Consultation[] }>(host, 'consultation:list', {})
  ).consultations;
  const { call } = await hostApi<{ call: { serverUrl: string; token: string } }>(
    host,
    'consultation:admit',
    {
      id: consultation?.id,
    },
  );
  const intruder = await open();
  const fragment = new URLSearchParams({
    v: '1',
    s: call.serverUrl,
    t: call.token,
    k: randomBytes(32).toString('base64url'),
  });
  await intruder.goto(`${appOrigin()}/#${fragment.toString()}`);
  await intruder.getByRole('button', { name: 'Weiter' }).click();
  await intruder.getByLabel('Ihr Name').fill('Eindringling');
  await intruder.getByRole('button', { name: 'Weiter' }).click();
  await intruder.getByLabel('Meine Kamera einschalten').check();
  await intruder.getByRole('button', { name: 'Gespräch beitreten' }).click();

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
