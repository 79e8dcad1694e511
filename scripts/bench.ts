/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `npm run bench`: figures, printed, not gating. Real LiveKit server, the app in browser
 * mode, and a real Chromium for each side.
 *
 *   guest_link_to_waiting_ms   invite link opened (cold page, new browser profile) →
 *                              the waiting room says the guest will be let in
 *   admit_to_first_frame_ms    the host clicks "let in" → the guest has decoded the
 *                              host's first video frame
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { createMemoryLogSink } from '../src-main/services/logger';
import { chromiumArgs, chromiumPath } from './chromium';
import { startTestApp } from './test-app';

const RUNS = 10;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
  });
}

async function hostReady(
  browser: Browser,
  appUrl: string,
): Promise<{ host: Page; links: string[] }> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const host = await context.newPage();
  await host.goto(appUrl);
  await host.getByLabel('Anzahl der Einladungen').fill(String(RUNS));
  await host.getByLabel('Bezeichnung (nur auf diesem Rechner)').fill('Messung');
  await host.getByRole('button', { name: 'Beratung anlegen' }).click();
  const links: string[] = [];
  for (let n = 1; n <= RUNS; n += 1)
    links.push(await host.getByLabel(`Link für Einladung ${n}`, { exact: true }).inputValue());
  await host.getByRole('button', { name: 'Beratung beginnen' }).click();
  await host.getByLabel('Ihr Name im Gespräch').fill('Host');
  await host.getByLabel('Meine Kamera einschalten').check();
  await host.getByRole('button', { name: 'Gespräch beitreten' }).click();
  await host.getByRole('status').filter({ hasText: 'Ende-zu-Ende-verschlüsselt' }).waitFor();
  return { host, links };
}

async function main(): Promise<void> {
  const { app, stop } = await startTestApp(() => createMemoryLogSink());
  const hostBrowser = await launch();
  const guestBrowser = await launch();
  try {
    const { host, links } = await hostReady(hostBrowser, app.appUrl);
    const toWaiting: number[] = [];
    const toFirstFrame: number[] = [];
    for (const [run, link] of links.entries()) {
      // A new profile each time: a cold page load, nothing cached.
      const context = await guestBrowser.newContext({ permissions: ['camera', 'microphone'] });
      const guest = await context.newPage();
      const opened = Date.now();
      await guest.goto(link);
      await guest.getByRole('button', { name: 'Weiter' }).click();
      await guest.getByLabel('Ihr Name').fill(`Gast ${run + 1}`);
      await guest.getByRole('button', { name: 'Weiter' }).click();
      await guest.getByRole('button', { name: 'In den Warteraum' }).click();
      await guest.getByText('Sie werden gleich hereingebeten.').waitFor();
      toWaiting.push(Date.now() - opened);

      const admit = host.getByRole('button', { name: `Gast ${run + 1} hereinlassen` });
      await admit.waitFor();
      const clicked = Date.now();
      await admit.click();
      // The first decoded frame, whatever the tile is labelled by then.
      await guest.waitForFunction(
        () =>
          [...document.querySelectorAll('video')].some(
            (element) =>
              element.getVideoPlaybackQuality().totalVideoFrames > 0 &&
              !element.closest('.tile-local'),
          ),
        undefined,
        { polling: 10, timeout: 30_000 },
      );
      toFirstFrame.push(Date.now() - clicked);
      await context.close();
    }
    process.stdout.write(
      `guest_link_to_waiting_ms: ${Math.round(median(toWaiting))} ms (n=${toWaiting.length})\n`,
    );
    process.stdout.write(
      `admit_to_first_frame_ms: ${Math.round(median(toFirstFrame))} ms (n=${toFirstFrame.length})\n`,
    );
  } finally {
    await hostBrowser.close();
    await guestBrowser.close();
    await stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
