/**
 * The Meet yardstick for the call-load figures (`…_meet`): scripts/bench/renderer/
 * meet-reference (LiveKit's own components with Meet's room options, see its main.tsx),
 * and two people put into one encrypted room with it. Bench only.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import type { LocalLivekit } from '../local-livekit';
import type { MeetCodec, MeetWay } from './framework';
import { benchToken, createBenchRoom, startBenchPage, type BenchPage } from './bench-page';
import { newPerson, type Person } from './journeys';
import type { ProbeOptions } from './probe';

export type MeetReference = BenchPage;

const WAIT = { timeout: 30_000, polling: 100 };

export function startMeetReference(): Promise<MeetReference> {
  return startBenchPage('meet-reference');
}

/** What every person of one yardstick call is given: the page, the room and its passphrase. */
export interface MeetSetup {
  reference: MeetReference;
  livekit: LocalLivekit;
  room: string;
  passphrase: string;
  codec: MeetCodec;
  way: MeetWay;
}

export async function meetSetup(
  reference: MeetReference,
  livekit: LocalLivekit,
  codec: MeetCodec,
  way: MeetWay,
): Promise<MeetSetup> {
  const room = await createBenchRoom(livekit);
  return { reference, livekit, room, passphrase: randomBytes(16).toString('hex'), codec, way };
}

/**
 * A person opens the reference page: with `way: 'prejoin'` it shows Meet's preview until
 * `joinFromPreview`; otherwise the page joins at once.
 */
async function openMeetPage(
  setup: MeetSetup,
  browser: Browser,
  probe: ProbeOptions,
): Promise<Person> {
  const { reference, livekit, room, passphrase, codec, way } = setup;
  const fragment = new URLSearchParams({
    url: livekit.url,
    token: await benchToken(livekit, room),
    key: passphrase,
    codec,
    way,
  });
  const person = await newPerson(browser, probe);
  await person.page.goto(`${reference.origin}/#${fragment.toString()}`);
  return person;
}

/** Meet's preview shows the camera, at the call's size (equal work, see the page's main.tsx). */
async function previewShown(page: Page): Promise<void> {
  const size = await page.waitForFunction(
    () => {
      const video = document.querySelector<HTMLVideoElement>('.lk-prejoin video');
      return video && video.readyState >= 2 && video.videoWidth > 0
        ? `${video.videoWidth}x${video.videoHeight}`
        : false;
    },
    undefined,
    WAIT,
  );
  const shown = await size.jsonValue();
  if (shown !== '640x360') throw new Error(`Meet's preview shows ${shown}, not the call's 640x360`);
}

/** A name and "Join Room", as a person would. */
async function joinFromPreview(page: Page, name: string): Promise<void> {
  await page.locator('.lk-prejoin #username').fill(name);
  await page.locator('.lk-prejoin .lk-join-button').click();
}

/** The names the yardstick's people give at Meet's preview, first person first. */
const MEET_NAMES = ['Host', 'Gast'] as const;

/**
 * The `index`th person of a yardstick call comes in: opens the page and, with
 * `way: 'prejoin'`, waits for the preview (`atPreview` runs while it shows), gives a name
 * and clicks "Join Room".
 */
export async function meetPersonComesIn(
  setup: MeetSetup,
  browser: Browser,
  probe: ProbeOptions,
  index: number,
  atPreview?: (page: Page) => Promise<void>,
): Promise<Person> {
  const person = await openMeetPage(setup, browser, probe);
  if (setup.way === 'prejoin') {
    await previewShown(person.page);
    await atPreview?.(person.page);
    await joinFromPreview(person.page, MEET_NAMES[index] ?? `Person ${index + 1}`);
  }
  return person;
}

/** In the call: the page shows its own camera (`own`: there alone) or the other person's. */
export async function seesInCall(page: Page, whose: 'own' | 'other'): Promise<void> {
  await page.waitForFunction(
    (local) =>
      [...document.querySelectorAll('video')].some(
        (video) =>
          !!video.closest('[data-lk-local-participant="true"]') === local &&
          video.readyState >= 2 &&
          video.videoWidth > 0,
      ),
    whose === 'own',
    WAIT,
  );
}

/**
 * Host and guest in one encrypted room of the reference page, both seeing the other. With
 * `way: 'prejoin'` each first sees Meet's preview, gives a name and clicks "Join Room".
 */
export async function meetCall(
  reference: MeetReference,
  livekit: LocalLivekit,
  browsers: [Browser, Browser],
  probe: ProbeOptions,
  codec: MeetCodec,
  way: MeetWay,
): Promise<{ host: Person; guest: Person }> {
  const setup = await meetSetup(reference, livekit, codec, way);
  const people: Person[] = [];
  for (const [index, browser] of browsers.entries())
    people.push(await meetPersonComesIn(setup, browser, probe, index));
  const [host, guest] = people as [Person, Person];
  for (const { page } of people) await seesInCall(page, 'other');
  return { host, guest };
}
