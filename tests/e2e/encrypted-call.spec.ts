import type { Page } from '@playwright/test';
import {
  consultationOf,
  cspViolations,
  expect,
  expectEncrypted,
  framesShown,
  guestKnocks,
  hostAndGuestInCall,
  hostBegins,
  hostCreatesConsultation,
  hostTab,
  inboundMedia,
  openProbe,
  operatorToken,
  rejectedCount,
  roundedVideoClips,
  serverApi,
  test,
  withoutH264,
} from './helpers';
import { ARMED_MARK } from '../../src-renderer/livekit/receive-slots';

/**
 * The receive slots of the page's call (the connection that sends the camera, not the host's
 * waiting room's): of which kind, and whether each holds its decrypt transform already.
 */
function receiveSlots(page: Page): Promise<{ kind: string; armed: boolean }[]> {
  return page.evaluate(
    (mark) =>
      window.__peerConnections
        .filter((pc) => pc.connectionState === 'connected')
        .filter((pc) => pc.getSenders().some((sender) => sender.track?.kind === 'video'))
        .flatMap((pc) => pc.getTransceivers())
        .filter((transceiver) => transceiver.direction === 'recvonly')
        .map(({ receiver }) => ({ kind: receiver.track.kind, armed: mark in receiver })),
    ARMED_MARK,
  );
}

/**
 * The page's WebCrypto fails every hello: `verify` refuses its signature (as if forged),
 * `encrypt` will not seal it (as if lost). A hello's associated data names its type.
 */
async function failHellos(page: Page, step: 'verify' | 'encrypt'): Promise<void> {
  await page.addInitScript((failing) => {
    const original = SubtleCrypto.prototype[failing] as (...args: unknown[]) => Promise<unknown>;
    const text = (data: BufferSource) =>
      new TextDecoder().decode(
        ArrayBuffer.isView(data)
          ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
          : new Uint8Array(data),
      );
    SubtleCrypto.prototype[failing] = function (this: SubtleCrypto, ...args: unknown[]) {
      const hello =
        failing === 'verify'
          ? text(args[3] as BufferSource).includes('\nhello\n')
          : text(
              (args[0] as { additionalData?: BufferSource }).additionalData ?? new Uint8Array(),
            ).includes('\nhello\n');
      if (!hello) return original.apply(this, args);
      return failing === 'verify' ? Promise.resolve(false) : Promise.reject(new Error('no hello'));
    } as never;
  }, step);
}

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
    // No picture is clipped to rounded corners: masking every frame cost a call's browser most
    // of a core where it composites without a GPU, and the pictures froze.
    expect(await roundedVideoClips(page)).toEqual([]);
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
  for (const page of [host, guest]) {
    const slots = await receiveSlots(page);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.filter((slot) => !slot.armed)).toEqual([]);
  }
  // One encryption worker on each page, the call's: the waiting room runs none (its
  // messages are sealed whole by the app), though the host's stays open through the call.
  await expect.poll(() => guest.workers().length).toBe(1);
  await expect.poll(() => host.workers().length).toBe(1);
  // One audio output each, the call's: the host's waiting room, open beside the call, plays
  // no sound and runs none (a second one rendered silence through the whole call).
  const runningAudio = (page: Page) =>
    page.evaluate(
      () => window.__audioContexts.filter((context) => context.state === 'running').length,
    );
  await expect.poll(() => runningAudio(guest)).toBe(1);
  await expect.poll(() => runningAudio(host)).toBe(1);

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

test('a fourth picture arrives on a slot the call adds later, and that slot decrypts from its first frame on too', async ({
  open,
}) => {
  const { host, guest } = await hostAndGuestInCall(open, 'Vier Bilder', 'Maria');
  const consultation = await consultationOf(host, 'Vier Bilder');
  const videoSlots = async () =>
    (await receiveSlots(guest)).filter((slot) => slot.kind === 'video');
  // Her first offer opened three video slots; the host's camera takes one.
  const opened = (await videoSlots()).length;
  // From now on, each time an answer from the server is applied (from then on, a track may
  // arrive on any slot it names): how many receive slots lack their transform.
  await guest.evaluate((mark) => {
    const record = window as unknown as { unarmedAtAnswer: number[] };
    record.unarmedAtAnswer = [];
    const apply = RTCPeerConnection.prototype.setRemoteDescription;
    RTCPeerConnection.prototype.setRemoteDescription = function (
      this: RTCPeerConnection,
      description?: RTCSessionDescriptionInit,
    ) {
      if (description?.type === 'answer') {
        record.unarmedAtAnswer.push(
          this.getTransceivers().filter(
            ({ direction, receiver }) => direction === 'recvonly' && !(mark in receiver),
          ).length,
        );
      }
      return Reflect.apply(apply, this, [description]) as Promise<void>;
    };
  }, ARMED_MARK);
  const unarmedAtAnswer = () =>
    guest.evaluate(() => (window as unknown as { unarmedAtAnswer: number[] }).unarmedAtAnswer);
  const decoding = () =>
    guest.evaluate(async () => {
      let pictures = 0;
      for (const pc of window.__peerConnections) {
        if (pc.connectionState !== 'connected') continue;
        (await pc.getStats()).forEach(
          (report: { type: string; kind?: string; framesDecoded?: number }) => {
            if (report.type !== 'inbound-rtp' || report.kind !== 'video') return;
            if ((report.framesDecoded ?? 0) > 0) pictures += 1;
          },
        );
      }
      return pictures;
    });

  // Someone with the room key (as anyone let in has) sends two pictures: with the host's,
  // as many as her first offer has slots for.
  const sender = await openProbe(open);
  await sender.evaluate(
    async ({ serverUrl, token, key, keyIndex }) => {
      await window.probe.join({ serverUrl, token, key, keyIndex });
      await window.probe.publishPictures(2);
    },
    {
      serverUrl: serverApi().url,
      token: await operatorToken(consultation.callRoom, 'bilder'),
      key: consultation.callKey,
      keyIndex: consultation.keyIndex,
    },
  );
  await expect.poll(decoding).toBe(3);
  expect((await videoSlots()).length).toBe(opened);
  // A fourth: the server asks her call for another slot, and sends the picture on it.
  await sender.evaluate(() => window.probe.publishPictures(1));
  await expect.poll(decoding).toBe(4);
  expect((await videoSlots()).length).toBeGreaterThan(opened);
  // Every slot held its transform before the server's answer let a track arrive on it.
  expect((await unarmedAtAnswer()).length).toBeGreaterThan(0);
  expect(await unarmedAtAnswer()).toEqual((await unarmedAtAnswer()).map(() => 0));
  await expect.poll(async () => (await receiveSlots(guest)).filter((s) => !s.armed)).toEqual([]);
});

/** The codec of each video the page sends, from WebRTC's statistics (`video/H264`, say). */
function sentVideoCodecs(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const codecs = new Set<string>();
    for (const pc of window.__peerConnections) {
      if (pc.connectionState !== 'connected') continue;
      const stats = await pc.getStats();
      stats.forEach((report: { type: string; kind?: string; codecId?: string }) => {
        if (report.type !== 'outbound-rtp' || report.kind !== 'video' || !report.codecId) return;
        const codec = stats.get(report.codecId) as { mimeType?: string } | undefined;
        if (codec?.mimeType) codecs.add(codec.mimeType);
      });
    }
    return [...codecs];
  });
}

test('a browser that sends H.264 sends it, one that cannot sends VP8, and both pictures open in the same encrypted call', async ({
  open,
}) => {
  // Her browser offers no H.264 encoder, as Chromium on a phone without one: she sends VP8.
  const { host, guest } = await hostAndGuestInCall(open, 'Zwei Codecs', 'Maria', {
    prepareGuest: (page) => withoutH264(page, 'send'),
  });
  await expectEncrypted(host);
  await expectEncrypted(guest);
  await expect.poll(() => sentVideoCodecs(host)).toEqual(['video/H264']);
  await expect.poll(() => sentVideoCodecs(guest)).toEqual(['video/VP8']);
  // Each side's worker opens the other's frames whatever their codec: both pictures play.
  await expect.poll(() => framesShown(guest, 'Video: Frau Berger')).toBeGreaterThan(10);
  await expect.poll(() => framesShown(host, 'Video: Maria')).toBeGreaterThan(10);
});

test('the host’s picture shows as it arrives: the host’s signed admit says who the host is, no hello needs to come first', async ({
  open,
}) => {
  // Her page refuses the signature of every hello (as if each were forged): the host's
  // hellos never open, so only the admit can have named the host. The helper waits until
  // she sees "Video: Frau Berger".
  const { guest } = await hostAndGuestInCall(open, 'Ohne Hallo', 'Maria', {
    prepareGuest: (page) => failHellos(page, 'verify'),
  });
  await expect.poll(() => framesShown(guest, 'Video: Frau Berger')).toBeGreaterThan(10);
  // The host's hellos did come, and were refused.
  await expect.poll(() => rejectedCount(guest)).toBeGreaterThan(0);
});

test('the guest’s picture shows at the host as it arrives: the host let her in, no hello needs to come first', async ({
  open,
}) => {
  // Her page cannot seal a hello (as if each were lost on the way): only the admission can
  // have told the host who she is in the call.
  const { host, guest } = await hostAndGuestInCall(open, 'Ohne ihr Hallo', 'Maria', {
    prepareGuest: (page) => failHellos(page, 'encrypt'),
  });
  await expect(host.getByLabel('Video: Maria')).toBeVisible();
  await expect.poll(() => framesShown(host, 'Video: Maria')).toBeGreaterThan(10);
  // Her own hellos never went: the host's screen shows her under the name she knocked with.
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
});

test('a microphone chosen under "Mehr" is the one the call sends from, and the other side hears her on', async ({
  open,
}) => {
  const { host, guest } = await hostAndGuestInCall(open, 'Gerätewechsel', 'Maria');
  const more = guest.getByRole('button', { name: 'Mehr', exact: true });
  await more.click();
  const microphone = guest.getByRole('combobox', { name: 'Mikrofon' });
  // Chromium's fake devices: more than one microphone, each listed by its name.
  const names = (await microphone.locator('option').allTextContents()).filter(Boolean);
  expect(names.length).toBeGreaterThan(1);
  const first = await microphone.inputValue();
  const other = await microphone.locator('option').evaluateAll((options, current) => {
    const values = options.map((option) => (option as HTMLOptionElement).value);
    return values.find((value) => value !== current && value !== 'default') ?? '';
  }, first);
  expect(other).not.toBe('');
  await microphone.selectOption(other);
  await expect(microphone).toHaveValue(other);

  // Opened again, the sheet reads the call's device afresh: the switch took.
  await guest
    .getByRole('region', { name: 'Mehr' })
    .getByRole('button', { name: 'Schließen' })
    .click();
  await more.click();
  await expect(guest.getByRole('combobox', { name: 'Mikrofon' })).toHaveValue(other);
  // And her sound goes on arriving at the host from the new device.
  const before = (await inboundMedia(host)).audioEnergy;
  await expect.poll(async () => (await inboundMedia(host)).audioEnergy).toBeGreaterThan(before);
});
