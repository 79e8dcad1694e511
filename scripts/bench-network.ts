/// <reference lib="dom" />
/**
 * Figures for a guest on a bad line (for `npm run bench`; printed, not gating). Each builds
 * a network lab (scripts/network-lab.ts: a namespace, its own LiveKit server and app), a
 * host on the good side and a guest behind the impaired veth, both in Debian's Chromium.
 *
 *   reconnect_ms                 the guest's line cut for 10 s and given back → new video
 *                                frames decoded on both sides again (median of 3 cuts)
 *   audio_concealed_pct_loss10   10 % loss and 500 kbit/s each way on the guest's line →
 *                                share of the host's played audio from her that was
 *                                concealment, over 20 s after the first 5 s
 *
 *   tsx scripts/bench-network.ts      prints both (needs root and `ip netns`)
 */
import type { Browser, Page } from '@playwright/test';
import { pathToFileURL } from 'node:url';
import { busyCameraArgs } from './busy-camera';
import { concealedPercent, keepPeerConnections, receivedAudio, receivedVideo } from './call-stats';
import { networkLabUnavailable } from './netns';
import { startNetworkLab, type NetworkLab } from './network-lab';

export interface Figure {
  name: string;
  value: number;
  unit: 'ms' | '%';
  runs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await keepPeerConnections(context);
  return context.newPage();
}

/** Polls `read` until it returns true; the figures wait on events, not on sleeps. */
async function until(read: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await read())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The host begins a consultation, the guest (inside the namespace) is let in. */
async function callAcrossTheLine(lab: NetworkLab, busyCamera: boolean) {
  const args = busyCamera ? busyCameraArgs() : [];
  const host = await newPage(await lab.launchHostBrowser(args));
  const guest = await newPage(await lab.launchGuestBrowser(args));
  await host.goto(lab.app.appUrl);
  await host.getByLabel('Bezeichnung (nur auf diesem Rechner)').fill('Messung');
  await host.getByLabel('Anzahl der Einladungen').fill('1');
  await host.getByRole('button', { name: 'Beratung anlegen' }).click();
  const link = await host.getByLabel('Link für Einladung 1', { exact: true }).inputValue();
  await host.getByRole('button', { name: 'Beratung beginnen' }).click();
  await host.getByLabel('Ihr Name im Gespräch').fill('Host');
  await host.getByLabel('Meine Kamera einschalten').check();
  await host.getByLabel('Mein Mikrofon einschalten').check();
  await host.getByRole('button', { name: 'Gespräch beitreten' }).click();
  await host.getByRole('status').filter({ hasText: 'Ende-zu-Ende-verschlüsselt' }).waitFor();

  await guest.goto(link);
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await guest.getByLabel('Ihr Name').fill('Gast');
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await guest.getByLabel('Meine Kamera einschalten').check();
  await guest.getByLabel('Mein Mikrofon einschalten').check();
  await guest.getByRole('button', { name: 'In den Warteraum' }).click();
  await host.getByRole('button', { name: 'Gast hereinlassen' }).click();
  await guest.getByLabel('Video: Host').waitFor({ timeout: 60_000 });
  await host.getByLabel('Video: Gast').waitFor({ timeout: 60_000 });
  return { host, guest };
}

async function framesFlowing(pages: Page[], timeoutMs: number): Promise<void> {
  const before = await Promise.all(pages.map(async (page) => receivedVideo(page)));
  await Promise.all(
    pages.map((page, index) =>
      until(
        async () =>
          (await receivedVideo(page)).framesDecoded > (before[index]?.framesDecoded ?? 0) + 5,
        timeoutMs,
        'video frames',
      ),
    ),
  );
}

export async function measureReconnectMs(
  cuts = 3,
  each: (ms: number) => void = () => {},
): Promise<Figure> {
  const lab = await startNetworkLab();
  try {
    const { host, guest } = await callAcrossTheLine(lab, false);
    const times: number[] = [];
    for (let cut = 0; cut < cuts; cut += 1) {
      await framesFlowing([host, guest], 60_000);
      lab.ns.cut();
      await new Promise((done) => setTimeout(done, 10_000));
      lab.ns.restore();
      const back = Date.now();
      await framesFlowing([host, guest], 90_000);
      times.push(Date.now() - back);
      each(Date.now() - back);
    }
    return { name: 'reconnect_ms', value: Math.round(median(times)), unit: 'ms', runs: cuts };
  } finally {
    await lab.stop();
  }
}

export async function measureAudioConcealedPctLoss10(): Promise<Figure> {
  const lab = await startNetworkLab();
  try {
    const { host } = await callAcrossTheLine(lab, true);
    const heard = async () => (await receivedAudio(host)).totalSamplesDuration;
    await until(async () => (await heard()) > 2, 60_000, 'audio');
    lab.ns.shape({ rateKbit: 500, lossPercent: 10 });
    const shaped = await heard();
    await until(async () => (await heard()) > shaped + 5, 60_000, 'the first seconds');
    const from = await receivedAudio(host);
    await until(
      async () => (await heard()) > from.totalSamplesDuration + 20,
      120_000,
      '20 s of audio',
    );
    const to = await receivedAudio(host);
    return {
      name: 'audio_concealed_pct_loss10',
      value: Math.round(concealedPercent(from, to) * 100) / 100,
      unit: '%',
      runs: 1,
    };
  } finally {
    await lab.stop();
  }
}

/** Both figures, or none with the reason (printed by the caller) where no lab can run. */
export async function networkFigures(): Promise<Figure[] | { skipped: string }> {
  const unavailable = networkLabUnavailable();
  if (unavailable) return { skipped: unavailable };
  return [await measureReconnectMs(), await measureAudioConcealedPctLoss10()];
}

export function formatFigure(figure: Figure): string {
  return `${figure.name}: ${figure.value} ${figure.unit} (n=${figure.runs})`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  networkFigures().then(
    (figures) => {
      if ('skipped' in figures)
        process.stdout.write(`network figures skipped: ${figures.skipped}\n`);
      else for (const figure of figures) process.stdout.write(`${formatFigure(figure)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
