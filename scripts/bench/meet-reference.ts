/**
 * The Meet yardstick for the call-load figures (`…_meet`): scripts/bench/renderer/
 * meet-reference (LiveKit's own components with Meet's room options, see its main.tsx),
 * and two people put into one encrypted room with it. Bench only.
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from '@playwright/test';
import type { LocalLivekit } from '../local-livekit';
import type { MeetCodec } from './framework';
import { benchToken, createBenchRoom, startBenchPage, type BenchPage } from './bench-page';
import { newPerson, type Person } from './journeys';
import type { ProbeOptions } from './probe';

export type MeetReference = BenchPage;

export function startMeetReference(): Promise<MeetReference> {
  return startBenchPage('meet-reference');
}

/** Host and guest in one encrypted room of the reference page, both seeing the other. */
export async function meetCall(
  reference: MeetReference,
  livekit: LocalLivekit,
  browsers: [Browser, Browser],
  probe: ProbeOptions,
  codec: MeetCodec,
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
    });
    const person = await newPerson(browser, probe);
    await person.page.goto(`${reference.origin}/#${fragment.toString()}`);
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
