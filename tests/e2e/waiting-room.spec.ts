import {
  type Consultation,
  expect,
  guestKnocks,
  hostAdmits,
  hostApi,
  hostBegins,
  hostCreatesConsultation,
  inboundMedia,
  roomsJoined,
  test,
} from './helpers';

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
});

test('a declined guest gets a kind message and never reaches the call', async ({ open }) => {
  const host = await open();
  const [link] = await hostCreatesConsultation(host, 'Elterngespräch');
  await hostBegins(host, 'Elterngespräch');
  const guest = await open();
  await guestKnocks(guest, link ?? '', 'Unbekannt');
  // While she waits, the waiting room's encryption runs in a worker of its own.
  await expect.poll(() => guest.workers().length).toBe(1);
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
  const [consultation] = (
    await hostApi<{ consultations: Consultation[] }>(host, 'consultation:list', {})
  ).consultations;
  expect(await roomsJoined(guest)).not.toContain(consultation?.callRoom);
  // Nothing of the waiting room is left running on her page.
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
  // From the waiting guest's side: only the waiting room was joined, no media arrived,
  // and nobody's name from the call (nor the other family's) is on the page.
  expect(await roomsJoined(waiting)).toEqual([consultation?.waitingRoom]);
  expect(await inboundMedia(waiting)).toEqual({
    framesDecoded: 0,
    audioEnergy: 0,
    videoPackets: 0,
  });
  const text = await waiting.locator('body').innerText();
  expect(text).not.toContain('Frau Berger');
  expect(text).not.toContain('Familie A');
});
