/**
 * What the person sees of a bad line: the quality words, the banner, audio only and
 * "Wieder verbinden", on a guest in her own network namespace with a real shaped or cut
 * line.
 */
import type { Page } from '@playwright/test';
import { receivedVideo } from '../../../scripts/call-stats';
import type { NetworkLab } from '../../../scripts/network-lab';
import { guestKnocks, hostAdmits, inboundMedia, type Opener } from '../helpers';
import { callInLab, expect, test } from './network-fixture';

test.setTimeout(300_000);

const BANNER = /Die Verbindung ist unterbrochen/;

/** A 1:1 call with Quirin. */
const call = (lab: NetworkLab, sides: { host: Opener; guest: Opener }, invites = 1) =>
  callInLab(lab, sides, 'Familie Q.', 'Quirin', invites);

/**
 * New frames decoded from now on. A rejoin or a new subscription gives the page a new
 * receiver whose count starts again from zero, and the old one's may vanish with it: so
 * the frames are counted from the lowest reading seen, not from the first. (Counted from
 * the first, a test failed once with the picture back on screen: the new receiver had
 * decoded 326 frames, the old one 362.)
 */
async function newFrames(
  page: Page,
  { timeout, intervals }: { timeout: number; intervals?: number[] },
  onPoll?: () => Promise<void>,
) {
  let lowest = (await inboundMedia(page)).framesDecoded;
  await expect
    .poll(
      async () => {
        await onPoll?.();
        const now = (await inboundMedia(page)).framesDecoded;
        lowest = Math.min(lowest, now);
        return now - lowest;
      },
      { timeout, intervals },
    )
    .toBeGreaterThan(5);
}

/** Frames again, tapping "Wieder verbinden" whenever the screen offers it. */
async function backInCall(page: Page, timeout: number): Promise<void> {
  const rejoin = page.getByRole('button', { name: 'Wieder verbinden' });
  await newFrames(page, { timeout, intervals: [1_000] }, async () => {
    if (await rejoin.isVisible()) await rejoin.click({ timeout: 5_000 }).catch(() => {});
  });
}

const framesAgain = (page: Page, timeout: number) => newFrames(page, { timeout });

/**
 * A line LiveKit rates "schwach" for sure. At 500 kbit/s the host's full layer (400 kbit/s)
 * still fits, the server need not step it down, and 10 % loss alone (less what NACK
 * repairs, and audio with RED weighs loss lightly) sits at the edge between "mittel" and
 * "schwach": a test waiting for "schwach" there passed after 26 to 41 s, read "mittel" for
 * 60 s in one CI run, and for 90 s in another. At 250 kbit/s both small layers and the voice
 * still fit: with a camera an encoder can fit (scripts/busy-camera.ts) the line read
 * "mittel" and "schwach" by turns, and in one CI run "mittel" for 90 s. At 150 kbit/s the
 * small layer (120 kbit/s) and her voice no longer fit with the loss: "schwach" came after
 * 7 to 9 s and stayed, in every trial.
 */
const WEAK_LINE = { rateKbit: 150, lossPercent: 10 };

test.describe('on a weak line', () => {
  test.use({ busyCamera: true });

  test('the quality indicator says „schwach“, for her and on her tile at the host', async ({
    lab,
    openHost,
    openGuest,
  }) => {
    const { host, guest } = await call(lab, { host: openHost, guest: openGuest });
    lab.ns.shape(WEAK_LINE);
    await expect(guest.getByText('Ihre Verbindung: schwach')).toBeVisible({ timeout: 60_000 });
    await expect(
      guest.getByText(/Ihre Verbindung ist schwach – das Bild wird kleiner/),
    ).toBeVisible();
    await expect(host.getByLabel('Verbindung von Quirin: schwach')).toBeVisible({
      timeout: 60_000,
    });
  });

  test('audio only is offered, taken, and one tap brings the pictures back', async ({
    lab,
    openHost,
    openGuest,
  }) => {
    const { guest } = await call(lab, { host: openHost, guest: openGuest });
    lab.ns.shape(WEAK_LINE);
    await guest.getByRole('button', { name: 'Nur Ton' }).click({ timeout: 90_000 });
    // No more of the host's picture, her voice and name stay.
    const frames = (await receivedVideo(guest)).framesDecoded;
    await expect(guest.getByText('Frau Berger')).toBeVisible();
    await expect
      .poll(async () => (await inboundMedia(guest)).audioEnergy, { timeout: 60_000 })
      .toBeGreaterThan(0);
    expect((await receivedVideo(guest)).framesDecoded - frames).toBeLessThan(30);
    lab.ns.shape({});
    await guest.getByRole('button', { name: 'Bilder wieder zeigen' }).click();
    await framesAgain(guest, 60_000);
  });
});

test('a 10 s cut: the banner within 2 s, and the call back by itself within 5 s of the line', async ({
  lab,
  open,
  openGuest,
}) => {
  const { host, guest } = await call(lab, { host: open, guest: openGuest });
  lab.ns.cut();
  const cutAt = Date.now();
  await expect(guest.getByText(BANNER)).toBeVisible({ timeout: 30_000 });
  expect(
    Date.now() - cutAt,
    'banner within 2 s (ceiling with room for a busy machine)',
  ).toBeLessThan(4_000);
  await new Promise((done) => setTimeout(done, 10_000 - (Date.now() - cutAt)));
  lab.ns.restore();
  const back = Date.now();
  await Promise.all([framesAgain(host, 30_000), framesAgain(guest, 30_000)]);
  await expect(guest.getByText(BANNER)).toBeHidden({ timeout: 30_000 });
  expect(Date.now() - back, 'back within 5 s (ceiling for a busy machine)').toBeLessThan(10_000);
});

test('a 60 s cut: „Wieder verbinden“ brings the guest back without a new knock', async ({
  lab,
  open,
  openGuest,
}) => {
  const { host, guest } = await call(lab, { host: open, guest: openGuest });
  lab.ns.cut();
  await expect(guest.getByText(BANNER)).toBeVisible({ timeout: 30_000 });
  const rejoin = guest.getByRole('button', { name: 'Wieder verbinden' });
  await expect(rejoin).toBeVisible({ timeout: 120_000 });
  lab.ns.restore();
  await rejoin.click();
  await expect(host.getByRole('button', { name: 'Quirin hereinlassen' })).toHaveCount(0);
  await expect(guest.getByRole('heading', { name: 'Warteraum' })).toHaveCount(0);
  await Promise.all([framesAgain(host, 60_000), framesAgain(guest, 60_000)]);
  // Her consent is what it was: camera and microphone still on, as she agreed.
  await expect(guest.getByRole('button', { name: 'Kamera ausschalten' })).toBeVisible();
  await expect(guest.getByRole('button', { name: 'Mikrofon ausschalten' })).toBeVisible();
});

test('the server killed and restarted: both sides say so and get back into the call', async ({
  lab,
  open,
  openGuest,
}) => {
  const { host, guest, links } = await call(lab, { host: open, guest: openGuest }, 2);
  const secondLink = links[1] ?? '';
  await lab.restartServer({ downMs: 5_000 });
  for (const page of [host, guest])
    await expect(page.getByText(/Gesprächs-Server|Verbindung ist unterbrochen/)).toBeVisible({
      timeout: 30_000,
    });
  // She taps "Wieder verbinden" before the host is back. The restarted server has forgotten
  // the call until the host's app opens it again: she is told the server is not back yet
  // and may tap again. She stays in the call, not sent to the waiting room as if she had
  // missed a key.
  const rejoin = guest.getByRole('button', { name: 'Wieder verbinden' });
  await rejoin.click({ timeout: 120_000 });
  await expect(guest.getByText(/sobald er wieder da ist/)).toBeVisible({ timeout: 30_000 });
  await expect(rejoin).toBeVisible();
  await expect(guest.getByRole('heading', { name: 'Warteraum' })).toHaveCount(0);
  // The host gets back (by itself, or with "Wieder verbinden" once LiveKit gave up), and
  // so does she, tapping again until the host's app has opened the call again.
  await Promise.all([host, guest].map((page) => backInCall(page, 150_000)));
  await expect(host.getByLabel('Video: Quirin')).toBeVisible();
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
  // The host's waiting room is back as well: someone knocking now is seen and let in.
  const second = await openGuest();
  await guestKnocks(second, secondLink, 'Rosa');
  await hostAdmits(host, 'Rosa');
  await expect(second.getByLabel('Video: Frau Berger')).toBeVisible({ timeout: 60_000 });
});
