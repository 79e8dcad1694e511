/**
 * `npm run bench:memory-steps`: each person's renderer memory at each step of the way into
 * a 1:1 call (the consultations list, the device check, the waiting room, the call alone,
 * the call with two), read with the garbage collected (`settledPss`). Not a figure: a report
 * that says at which step a page's memory comes (README, "where the host's memory goes").
 *
 * `--meet` takes the Meet yardstick's way instead (with `--meet-way=prejoin`: its preview,
 * the call alone, the call with two; `--meet-codec` as elsewhere). `--dump` takes a
 * memory-infra dump before each reading, which gives back what the allocators hold free
 * (README, "the call's memory over five minutes"), so the steps compare with less noise.
 */
import type { Browser, Page } from '@playwright/test';
import { createBenchContext, type BenchContext } from './context';
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
import { meetPersonComesIn, meetSetup, seesInCall, startMeetReference } from './meet-reference';
import { memoryCallArgs } from './memory-call';
import { runReport } from './report-stage';
import { memoryInfraDump, memoryOf, rendererOfPage, settledPss } from './process-memory';

const CAMERA_FPS = 20;
/** How long the call runs after "let in" before the last reading: its first key frames are past. */
const CALL_SECONDS = 15;
const media = { camera: true, microphone: true };
const probe = { frames: false, watches: [] };

const { variant, codec, way } = memoryCallArgs('bench:memory-steps');
const dump = process.argv.includes('--dump');

async function reading(step: string, page: Page, browser: Browser): Promise<void> {
  const session = await browser.newBrowserCDPSession();
  const pid = await rendererOfPage(page, session);
  if (dump) await memoryInfraDump(session);
  await session.detach();
  if (pid === undefined) throw new Error(`${step}: no renderer process`);
  const [pss = Number.NaN] = await settledPss([page], [pid]);
  const anonymous = memoryOf(pid).anonymousMiB;
  process.stdout.write(
    `${step.padEnd(44)} ${pss.toFixed(1)} MiB (anonymous ${anonymous.toFixed(1)})\n`,
  );
}

const callRuns = () => new Promise((resolve) => setTimeout(resolve, CALL_SECONDS * 1000));

async function appSteps(context: BenchContext, [hostBrowser, guestBrowser]: [Browser, Browser]) {
  const { appUrl } = await context.app('encrypted');
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
  await callRuns();
  await reading('host: in the call with the guest', host.page, hostBrowser);
  await reading('guest: in the call', guest.page, guestBrowser);
}

async function meetSteps(context: BenchContext, browsers: [Browser, Browser]) {
  const reference = await startMeetReference();
  try {
    const setup = await meetSetup(reference, context.livekit, codec, way);
    const people: { page: Page; browser: Browser; who: string }[] = [];
    for (const [index, browser] of browsers.entries()) {
      const who = `Meet, ${index === 0 ? 'first' : 'second'} person`;
      const { page } = await meetPersonComesIn(setup, browser, probe, index, (preview) =>
        reading(`${who}: the preview`, preview, browser),
      );
      await seesInCall(page, 'own');
      if (index === 0) await reading(`${who}: in the call alone`, page, browser);
      people.push({ page, browser, who });
    }
    for (const { page } of people) await seesInCall(page, 'other');
    await callRuns();
    for (const { page, browser, who } of people)
      await reading(`${who}: in the call with two`, page, browser);
  } finally {
    await reference.close();
  }
}

async function main(): Promise<void> {
  const { context, close } = await createBenchContext(defaultOptions, () => {});
  try {
    const launch = () => context.launch({ cameraFps: CAMERA_FPS, exposeGc: true });
    const browsers: [Browser, Browser] = [await launch(), await launch()];
    await (variant === 'meet' ? meetSteps(context, browsers) : appSteps(context, browsers));
  } finally {
    await close();
  }
}

runReport(main);
