/**
 * The Meet yardstick for the call-load figures (`…_meet`): scripts/bench/renderer/
 * meet-reference (LiveKit's own components with Meet's room options, see its main.tsx),
 * and two people put into one encrypted room with it. Bench only.
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from '@playwright/test';
import type { LocalLivekit } from '../local-livekit';
import type { MeetCodec, MeetWay } from './framework';
import { benchToken, createBenchRoom, startBenchPage, type BenchPage } from './bench-page';
import { newPerson, type Person } from './journeys';
import type { ProbeOptions } from './probe';

export type MeetReference = BenchPage;

/**
 * Meet's preview: its camera shows, at the call's size (equal work, see the page's
 * main.tsx), then a name and "Join Room", as a person would.
 */
async function joinFromPreview({ page }: Person, name: string): Promise<void> {
  const size = await page.waitForFunction(
    () => {
      const video = document.querySelector<HTMLVideoElement>('.lk-prejoin video');
      return video && video.readyState >= 2 && video.videoWidth > 0
        ? `${video.videoWidth}x${video.videoHeight}`
        : false;
    },
    undefined,
    { timeout: 30_000, polling: 100 },
  );
  const shown = await size.jsonValue();
  if (shown !== '640x360') throw new Error(`Meet's preview shows ${shown}, not the call's 640x360`);
  await page.locator('.lk-prejoin #username').fill(name);
  await page.locator('.lk-prejoin .lk-join-button').click();
}

export function startMeetReference(): Promise<MeetReference> {
  return startBenchPage('meet-reference');
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
  const room = await createBenchRoom(livekit);
  const passphrase = randomBytes(16).toString('hex');
  const people: Person[] = [];
  for (const browser of browsers) {
    const fragment = new URLSearchParams({
      url: livekit.url,
      token: await benchToken(livekit, room),
      key: passphrase,
      codec,
      way,
    });
    const person = await newPerson(browser, probe);
    await person.page.goto(`${reference.origin}/#${fragment.toString()}`);
    if (way === 'prejoin') await joinFromPreview(person, people.length === 0 ? 'Host' : 'Gast');
    people.push(person);
  }
  const [host, guest] = people as [Person, Person];
  // Each sees the other's camera: a remote <video> showing frames.
  for (const { page } of people) {
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('video')].some(
          (video) =>
            !video.closest('[data-lk-local-participant="true"]') &&
            video.readyState >= 2 &&
            video.videoWidth > 0,
        ),
      undefined,
      { timeout: 30_000, polling: 200 },
    );
  }
  return { host, guest };
}
