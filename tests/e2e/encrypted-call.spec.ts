import {
  cspViolations,
  expect,
  expectEncrypted,
  guestKnocks,
  hostBegins,
  hostCreatesConsultation,
  hostTab,
  inboundMedia,
  test,
} from './helpers';
import { ARMED_MARK } from '../../src-renderer/livekit/receive-slots';

test('a guest opens the link, knocks, is let in, and both see and hear each other encrypted', async ({
  open,
}) => {
  const host = await open();
  const [link] = await hostCreatesConsultation(host, 'Familie M.');
  await hostBegins(host, 'Familie M.');
  await expect(host.getByText('Warten auf Ihr Gegenüber …')).toBeVisible();

  const guest = await open();
  // Her device is a laptop with two cores: it sends 360p (media-options.ts).
  await guest.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 2 });
  });
  // Counts how often the page opens camera or microphone.
  await guest.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    const counter = window as unknown as { openedMedia: number };
    counter.openedMedia = 0;
    devices.getUserMedia = (constraints) => {
      counter.openedMedia += 1;
      return original(constraints);
    };
  });
  const openedMedia = (): Promise<number> =>
    guest.evaluate(() => (window as unknown as { openedMedia: number }).openedMedia);
  await guestKnocks(guest, link ?? '', 'Maria');
  const openedForTheCheck = await openedMedia();
  expect(openedForTheCheck).toBeGreaterThan(0);
  // The key and token leave the address bar as soon as the page has read them.
  expect(guest.url()).not.toContain('#');
  await expect(guest.getByText('Sie werden gleich hereingebeten.')).toBeVisible();

  // The host sees who is knocking, and lets her in.
  await expect(host.getByRole('tabpanel').getByText('Maria wartet im Warteraum.')).toBeAttached();
  // A knock shows as a notice over the call too, with the way to the waiting room.
  const knockNotice = host
    .getByRole('status', { name: 'Meldungen' })
    .getByText('Maria wartet im Warteraum.');
  await expect(knockNotice).toBeVisible();
  // Let in by keyboard while the pointer rests on the notice (which keeps a notice from
  // going by itself): once she is in, it no longer says she waits.
  await hostTab(host, 'Warteraum');
  await knockNotice.hover();
  await host.getByRole('button', { name: 'Maria hereinlassen' }).focus();
  await host.keyboard.press('Enter');
  await expect(knockNotice).toHaveCount(0);
  await expectEncrypted(guest);

  // Names travel encrypted inside the room and label each other's video.
  await expect(host.getByLabel('Video: Maria')).toBeVisible();
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
  for (const page of [host, guest]) {
    await expect.poll(async () => (await inboundMedia(page)).framesDecoded).toBeGreaterThan(10);
    await expect.poll(async () => (await inboundMedia(page)).audioEnergy).toBeGreaterThan(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(await cspViolations(page)).toEqual([]);
  }
  // The camera and microphone from the device check went on into the call: not opened a
  // second time (no second permission prompt, no second camera start). The check opened
  // the camera at the size her call sends, 360p, not livekit-client's default 720p.
  expect(await openedMedia()).toBe(openedForTheCheck);
  const cameraSizes = () =>
    guest.evaluate(async () => {
      const sizes: string[] = [];
      for (const pc of window.__peerConnections) {
        if (pc.connectionState === 'closed') continue;
        (await pc.getStats()).forEach(
          (report: { type: string; kind?: string; width?: number; height?: number }) => {
            if (report.type === 'media-source' && report.kind === 'video' && report.height)
              sizes.push(`${report.width}×${report.height}`);
          },
        );
      }
      return sizes;
    });
  await expect.poll(cameraSizes).toEqual(['640×360']);
  // Every receive slot of both calls decrypts from its first frame on: each holds its
  // decrypt transform before a track arrives on it (receive-slots.ts), so a first key
  // frame is not lost while livekit-client learns which slot carries it.
  const slots = (page: typeof guest) =>
    page.evaluate(
      (mark) =>
        window.__peerConnections
          // The call's (it sends the camera), not the host's waiting room's.
          .filter((pc) => pc.connectionState === 'connected')
          .filter((pc) => pc.getSenders().some((sender) => sender.track?.kind === 'video'))
          .flatMap((pc) => pc.getTransceivers())
          .filter((transceiver) => transceiver.direction === 'recvonly')
          .map((transceiver) => mark in transceiver.receiver),
      ARMED_MARK,
    );
  for (const page of [host, guest]) {
    const armed = await slots(page);
    expect(armed.length).toBeGreaterThan(0);
    expect(armed).not.toContain(false);
  }
  // The waiting room's encryption worker ended with it: one worker for the call. The host
  // keeps two, the call's and the waiting room's (made ready during her device check).
  await expect.poll(() => guest.workers().length).toBe(1);
  await expect.poll(() => host.workers().length).toBe(2);

  // Leaving asks once; staying is the default.
  await guest.getByRole('button', { name: 'Gespräch verlassen' }).click();
  await expect(guest.getByRole('alertdialog', { name: 'Gespräch verlassen?' })).toBeVisible();
  await expect(guest.getByRole('button', { name: 'Bleiben' })).toBeFocused();
  await guest.getByRole('button', { name: 'Ja, verlassen' }).click();
  await expect(
    guest.getByRole('heading', { name: 'Sie haben das Gespräch verlassen.' }),
  ).toBeVisible();
  await expect(host.getByText('Warten auf Ihr Gegenüber …')).toBeVisible();
});
