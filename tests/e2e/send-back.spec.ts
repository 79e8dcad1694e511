import {
  type Consultation,
  expect,
  framesShown,
  guestKnocks,
  hostAdmits,
  hostApi,
  hostBegins,
  hostCreatesConsultation,
  inboundMedia,
  joinCallDirectly,
  test,
} from './helpers';

test('sent back to the waiting room, a guest can no longer decrypt the call, even with the old key', async ({
  open,
}) => {
  const host = await open();
  const [first, second] = await hostCreatesConsultation(host, 'Gruppe Mittwoch', 2);
  await hostBegins(host, 'Gruppe Mittwoch');
  const stays = await open();
  await guestKnocks(stays, first ?? '', 'Bleibt');
  await hostAdmits(host, 'Bleibt');
  const leaves = await open();
  await guestKnocks(leaves, second ?? '', 'Geht');
  await hostAdmits(host, 'Geht');
  await expect(leaves.getByLabel('Video: Frau Berger')).toBeVisible();
  await expect(stays.getByLabel('Video: Frau Berger')).toBeVisible();

  // The key the call started with, as the removed guest knew it.
  const { consultations } = await hostApi<{ consultations: Consultation[] }>(
    host,
    'consultation:list',
    {},
  );
  const consultation = consultations.find((c) =>
    c.invites.some((invite) => invite.webUrl === first),
  );
  if (!consultation) throw new Error('consultation not listed');

  await host.getByRole('button', { name: 'Geht in den Warteraum schicken' }).click();
  await expect(leaves.getByText('Sie wurden in den Warteraum zurückgeschickt.')).toBeVisible();
  // Back in the waiting room, knocking again.
  await expect(host.getByRole('button', { name: 'Geht hereinlassen' })).toBeVisible();
  await leaves.close();

  // The guest who stayed goes on seeing the host after the key change.
  const before = await framesShown(stays, 'Video: Frau Berger');
  await expect.poll(() => framesShown(stays, 'Video: Frau Berger')).toBeGreaterThan(before + 30);

  // Rejoining straight into the call with a valid token and the old key shows nothing.
  const stale = await open();
  await joinCallDirectly(stale, host, {
    label: 'Gruppe Mittwoch',
    key: consultation.callKey,
    name: 'Geht',
  });
  await expect(stale.getByRole('alert')).toContainText('können nicht entschlüsselt werden');
  await expect.poll(async () => (await inboundMedia(stale)).videoPackets).toBeGreaterThan(50);
  expect((await inboundMedia(stale)).framesDecoded).toBe(0);
  const later = await framesShown(stays, 'Video: Frau Berger');
  await expect.poll(() => framesShown(stays, 'Video: Frau Berger')).toBeGreaterThan(later + 10);
});
