/**
 * `npm run bench:memory-steps`: each person's renderer memory at each step of the way into
 * a 1:1 call (the consultations list, the device check, the waiting room, the call alone,
 * the call with two), read with the garbage collected (`settledPss`). Not a figure: a report
 * that says at which step a page's memory comes (README, "where the host's memory goes").
 */
import type { Browser, Page } from '@playwright/test';
import { createBenchContext } from './context';
import { defaultOptions } from './framework';
import {
  guestKnocks,
  hostAdmits,
  hostCreatesConsultation,
  hostJoins,
  hostOpensDeviceCheck,
  newPerson,
  waitUntilEncrypted,
} from './journeys';
import { rendererOfPage, settledPss } from './process-memory';

const CAMERA_FPS = 20;
/** How long the call runs after "let in" before the last reading: its first key frames are past. */
const CALL_SECONDS = 15;
const media = { camera: true, microphone: true };

async function reading(step: string, page: Page, browser: Browser): Promise<void> {
  const session = await browser.newBrowserCDPSession();
  const pid = await rendererOfPage(page, session);
  await session.detach();
  if (pid === undefined) throw new Error(`${step}: no renderer process`);
  const [pss = Number.NaN] = await settledPss([page], [pid]);
  process.stdout.write(`${step.padEnd(44)} ${pss.toFixed(1)} MiB\n`);
}

async function main(): Promise<void> {
  const { context, close } = await createBenchContext(defaultOptions, () => {});
  try {
    const { appUrl } = await context.app('encrypted');
    const launch = () => context.launch({ cameraFps: CAMERA_FPS, exposeGc: true });
    const [hostBrowser, guestBrowser] = [await launch(), await launch()];
    const probe = { frames: false, watches: [] };
    const host = await newPerson(hostBrowser, probe);
    const [link = ''] = await hostCreatesConsultation(host.page, appUrl, 'Speicher', 1);
    await reading('host: the consultations list', host.page, hostBrowser);
    await hostOpensDeviceCheck(host.page, 'Speicher', media);
    await reading('host: the device check', host.page, hostBrowser);
    await hostJoins(host.page);
    await reading('host: in the call alone', host.page, hostBrowser);
    const guest = await newPerson(guestBrowser, probe);
    await guestKnocks(guest.page, link, 'Gast', media);
    await reading('guest: in the waiting room', guest.page, guestBrowser);
    await hostAdmits(host.page, 'Gast');
    await waitUntilEncrypted(guest.page);
    await new Promise((resolve) => setTimeout(resolve, CALL_SECONDS * 1000));
    await reading('host: in the call with the guest', host.page, hostBrowser);
    await reading('guest: in the call', guest.page, guestBrowser);
  } finally {
    await close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
