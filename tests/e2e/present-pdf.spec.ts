/**
 * Presenting a PDF across a real call: the LiveKit server, two and more Chromium
 * profiles, the call core's sealed message layer ("PDF zeigen" in the call's controls).
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import {
  damagedPdf,
  handoutPdf,
  oversizedPdf,
  pageColours,
  pageTextOf,
  passwordPdf,
} from '../../scripts/test-pdfs';
import {
  cspViolations,
  expect,
  expectPageShows,
  keepPicture,
  stillTheKeptPicture,
  guestKnocks,
  hostAdmits,
  hostBegins,
  hostCreatesConsultation,
  consultationOf,
  openProbe,
  operatorToken,
  roomsJoined,
  serverApi,
  test,
} from './helpers';

const fileName = 'Hilfeplan Familie M.pdf';
const pageImage = (page: number) => `Seite ${page} von „${fileName}“`;

declare global {
  interface Window {
    __dataSeen: string[];
  }
}

/**
 * Keeps every data-channel message a page receives, as the server relays it, so a test
 * can say that a file name or a page's text never arrived in the clear.
 */
async function recordDataChannels(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.__dataSeen = [];
    const bytes = new TextDecoder('latin1');
    const keep = (event: MessageEvent) => {
      const data = event.data as ArrayBuffer | string;
      window.__dataSeen.push(typeof data === 'string' ? data : bytes.decode(data));
    };
    const add = RTCDataChannel.prototype.addEventListener;
    RTCDataChannel.prototype.addEventListener = function (
      this: RTCDataChannel,
      ...args: Parameters<RTCDataChannel['addEventListener']>
    ) {
      if (args[0] === 'message') add.call(this, 'message', keep as EventListener);
      return add.apply(this, args);
    };
    const onmessage = Object.getOwnPropertyDescriptor(RTCDataChannel.prototype, 'onmessage');
    Object.defineProperty(RTCDataChannel.prototype, 'onmessage', {
      ...onmessage,
      set(this: RTCDataChannel, handler: ((event: MessageEvent) => void) | null) {
        onmessage?.set?.call(
          this,
          handler && ((event: MessageEvent) => (keep(event), handler.call(this, event))),
        );
      },
    });
  });
}

/** Whether any data that reached the page contains `text` (UTF-8) in the clear. */
async function arrivedInClear(page: Page, text: string): Promise<boolean> {
  return page.evaluate((t) => {
    const needle = new TextDecoder('latin1').decode(new TextEncoder().encode(t));
    return window.__dataSeen.some((chunk) => chunk.includes(needle));
  }, text);
}

/** The page really shows page n: its colour band on top, white below. */
const expectShows = (page: Page, n: number) =>
  expectPageShows(page, pageImage(n), pageColours[n - 1]!);

const canvasWidth = (page: Page, n: number) =>
  page
    .getByRole('img', { name: pageImage(n) })
    .evaluate((canvas: HTMLCanvasElement) => canvas.width);

const fileInput = (page: Page) => page.getByLabel(/^(PDF-Datei auswählen|Andere Datei wählen)$/);

test('the host presents a PDF: guests see the page and its text, follow "Weiter", a latecomer gets the current page, a wrong key gets nothing, "beenden" clears it', async ({
  open,
}) => {
  test.slow();
  const host = await open();
  await recordDataChannels(host.context());
  const label = 'Hilfeplan';
  const [link, lateLink] = await hostCreatesConsultation(host, label, 2);
  await hostBegins(host, label);
  const guest = await open({ width: 390, height: 844 });
  await recordDataChannels(guest.context());
  await guestKnocks(guest, link ?? '', 'Maria');
  await hostAdmits(host, 'Maria');
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
  await keepPicture(guest, 'Video: Frau Berger');

  // A participant with a valid token (the operator can make one) but the wrong key.
  const { callRoom } = await consultationOf(host, label);
  const intruder = await openProbe(open);
  await intruder.evaluate(async (options) => window.probe.join(options), {
    serverUrl: serverApi().url,
    token: await operatorToken(callRoom, randomBytes(16).toString('base64url')),
    key: randomBytes(32).toString('base64url'),
  });

  // The host asks first; nothing is sent before "Ja, allen zeigen".
  await host.getByRole('button', { name: 'PDF zeigen' }).click();
  await fileInput(host).setInputFiles({
    name: fileName,
    mimeType: 'application/pdf',
    buffer: Buffer.from(await handoutPdf({ pages: 3 })),
  });
  // Opening and rendering page 1 is the presenter's own work: slow on a busy machine.
  await expect(host.getByRole('heading', { name: `„${fileName}“ allen zeigen?` })).toBeVisible({
    timeout: 60_000,
  });
  await expect(guest.getByRole('heading', { name: /zeigt/ })).toHaveCount(0);
  await host.getByRole('button', { name: 'Ja, allen zeigen' }).click();

  await expect(
    guest.getByRole('heading', { name: 'Frau Berger zeigt: Seite 1 von 3' }),
  ).toBeVisible();
  await expect(guest.getByText(`Datei: ${fileName}`)).toBeVisible();
  await expect(guest.locator('#page-text')).toContainText(pageTextOf(1));
  await expectShows(guest, 1);
  // Her picture of the host moved from the stage to the strip beside the page, running on:
  // no new picture starting from black.
  await expect(guest.getByLabel('Weitere Personen').getByLabel('Video: Frau Berger')).toBeVisible();
  expect(await stillTheKeptPicture(guest, 'Video: Frau Berger')).toBe('running');

  // Nothing to scroll to turn or zoom the page: it takes what the stage has left, and its
  // controls stay in view under it (on a phone too: phone-call.spec.ts).
  for (const control of ['Weiter', 'Präsentation beenden', 'Vergrößern'])
    await expect(host.getByRole('button', { name: control })).toBeInViewport({ ratio: 1 });

  await host.getByRole('button', { name: 'Weiter' }).click();
  await expect(
    guest.getByRole('heading', { name: 'Frau Berger zeigt: Seite 2 von 3' }),
  ).toBeVisible();
  await expectShows(guest, 2);
  await expect(guest.locator('#page-text')).toContainText(pageTextOf(2));
  // A small preview may come first; the sharp image (1600 px wide) follows and stays.
  await expect.poll(() => canvasWidth(guest, 2)).toBe(1600);

  // Someone let in now sees page 2 at once.
  const late = await open();
  await guestKnocks(late, lateLink ?? '', 'Jonas');
  await hostAdmits(host, 'Jonas');
  await expect(late.getByRole('heading', { name: 'Frau Berger zeigt: Seite 2 von 3' })).toBeVisible(
    { timeout: 60_000 },
  );
  await expectShows(late, 2);
  await expect.poll(() => canvasWidth(late, 2)).toBe(1600);

  // The wrong key: not one message opened for it, not even LiveKit's own layer.
  expect((await intruder.evaluate(() => window.probe.state())).packets).toBe(0);
  // Neither the file name nor a page's text ever crossed the server in the clear.
  for (const page of [host, guest])
    for (const secret of [fileName, pageTextOf(1), pageTextOf(2)])
      expect(await arrivedInClear(page, secret), `${secret} in the clear`).toBe(false);

  await host.getByRole('button', { name: 'Präsentation beenden' }).click();
  for (const page of [guest, late]) {
    await expect(page.getByRole('heading', { name: /zeigt/ })).toHaveCount(0);
    await expect(page.getByRole('img', { name: /Seite/ })).toHaveCount(0);
  }
  // And back to the grid, the same picture still running.
  await expect(guest.getByLabel('Alle Personen').getByLabel('Video: Frau Berger')).toBeVisible();
  expect(await stillTheKeptPicture(guest, 'Video: Frau Berger')).toBe('running');
  for (const page of [host, guest, late]) expect(await cspViolations(page)).toEqual([]);
});

test('bad files give the presenter a plain message; nothing reaches the guest; the call goes on', async ({
  open,
}) => {
  test.slow();
  const host = await open();
  const label = 'Schlechte Dateien';
  const [link] = await hostCreatesConsultation(host, label);
  await hostBegins(host, label);
  const guest = await open();
  await recordDataChannels(guest.context());
  await guestKnocks(guest, link ?? '', 'Maria');
  await hostAdmits(host, 'Maria');
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
  const received = await guest.evaluate(() => window.__dataSeen.length);

  await host.getByRole('button', { name: 'PDF zeigen' }).click();
  const bad: [string, Uint8Array, string][] = [
    ['kaputt.pdf', damagedPdf(), 'Die Datei ist beschädigt und lässt sich nicht öffnen.'],
    ['geschützt.pdf', passwordPdf('geheim'), 'Die Datei ist mit einem Passwort geschützt.'],
    ['leer.pdf', new Uint8Array(0), 'Die Datei ist leer.'],
    ['riesig.pdf', oversizedPdf(26 * 1024 * 1024), 'Die Datei ist zu groß.'],
  ];
  for (const [name, bytes, message] of bad) {
    const path = test.info().outputPath(name);
    await writeFile(path, bytes);
    await fileInput(host).setInputFiles(path);
    await expect(host.getByRole('alert')).toContainText(message);
    await expect(host.getByRole('alert')).toContainText('Es wurde nichts gesendet.');
  }
  await host.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(guest.getByRole('heading', { name: /zeigt/ })).toHaveCount(0);
  // Whatever the call sent meanwhile (it goes on), none of it was a page: no large message.
  const since = await guest.evaluate(
    (n) => window.__dataSeen.slice(n).map((c) => c.length),
    received,
  );
  expect(since.every((length) => length < 16 * 1024)).toBe(true);
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
});

test('a guest waiting behind her door is sent none of the pages, and sees the current one once let in', async ({
  open,
}) => {
  test.slow();
  const host = await open();
  const label = 'Hilfeplan';
  const [link, waitingLink] = await hostCreatesConsultation(host, label, 2);
  await hostBegins(host, label);
  const guest = await open();
  await recordDataChannels(guest.context());
  await guestKnocks(guest, link ?? '', 'Maria');
  await hostAdmits(host, 'Maria');
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
  // Jonas waits, his door into the call's room open (waiting-room.spec.ts).
  const waiting = await open();
  await recordDataChannels(waiting.context());
  await guestKnocks(waiting, waitingLink ?? '', 'Jonas');
  await expect(waiting.getByText('Sie werden gleich hereingebeten.')).toBeVisible();
  const { callRoom } = await consultationOf(host, label);
  await expect.poll(async () => (await roomsJoined(waiting)).includes(callRoom)).toBe(true);

  await host.getByRole('button', { name: 'PDF zeigen' }).click();
  await fileInput(host).setInputFiles({
    name: fileName,
    mimeType: 'application/pdf',
    buffer: Buffer.from(await handoutPdf({ pages: 3 })),
  });
  await host.getByRole('button', { name: 'Ja, allen zeigen' }).click({ timeout: 60_000 });
  await expect.poll(() => canvasWidth(guest, 1)).toBe(1600);
  await host.getByRole('button', { name: 'Weiter' }).click();
  await expect.poll(() => canvasWidth(guest, 2)).toBe(1600);

  // Maria was sent two pages (each a sharp image, and a preview first unless the sharp one
  // was ready); Jonas, behind his door, not one of them (he could not have opened them; his
  // phone need not download them).
  // A page image is several kilobytes; everything else the call sends is well below that.
  const sizesSeen = (page: Page) => page.evaluate(() => window.__dataSeen.map((c) => c.length));
  const pageSized = (sizes: number[]) => sizes.filter((size) => size > 4096).length;
  expect(pageSized(await sizesSeen(guest))).toBeGreaterThanOrEqual(2);
  expect(pageSized(await sizesSeen(waiting))).toBe(0);

  // Let in, he is sent the page shown now.
  await hostAdmits(host, 'Jonas');
  await expect(
    waiting.getByRole('heading', { name: 'Frau Berger zeigt: Seite 2 von 3' }),
  ).toBeVisible({ timeout: 60_000 });
  await expectShows(waiting, 2);
  await expect.poll(() => canvasWidth(waiting, 2)).toBe(1600);
});
