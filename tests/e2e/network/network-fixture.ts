/**
 * The network-fault tests' fixtures: `lab` builds a namespace with its own LiveKit server
 * and app for each test (removed afterwards, also when the test fails); `openGuest` opens
 * a page in a Chromium that runs inside that namespace, behind the impaired line, and
 * `openHost` one on the host side. With `busyCamera`, both cameras fill their bitrate as a
 * real webcam does (scripts/busy-camera.ts).
 */
import type { Browser, Page } from '@playwright/test';
import { busyCameraArgs } from '../../../scripts/busy-camera';
import { networkLabUnavailable } from '../../../scripts/netns';
import { startNetworkLab, type NetworkLab } from '../../../scripts/network-lab';
import {
  expect,
  hostAndGuestInCall,
  inboundMedia,
  instrumentPage,
  test as base,
  type Opener,
} from '../helpers';

export { expect } from '../helpers';

let unavailable: string | null | undefined;

async function pageIn(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await instrumentPage(context);
  return context.newPage();
}

export const test = base.extend<{
  busyCamera: boolean;
  lab: NetworkLab;
  openGuest: () => Promise<Page>;
  openHost: () => Promise<Page>;
}>({
  busyCamera: [false, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from this pattern.
  lab: async ({}, use, testInfo) => {
    unavailable ??= networkLabUnavailable();
    testInfo.skip(
      unavailable !== null,
      `network-fault tests need a network namespace: ${unavailable}`,
    );
    const lab = await startNetworkLab();
    try {
      await use(lab);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        const line = (() => {
          try {
            return lab.ns.describe();
          } catch (error) {
            return String(error);
          }
        })();
        await testInfo.attach('line', { body: line, contentType: 'text/plain' });
      }
      await lab.stop();
    }
  },
  openGuest: async ({ lab, busyCamera }, use) => {
    const browser = await lab.launchGuestBrowser(busyCamera ? busyCameraArgs() : []);
    await use(() => pageIn(browser));
  },
  openHost: async ({ lab, busyCamera }, use) => {
    const browser = await lab.launchHostBrowser(busyCamera ? busyCameraArgs() : []);
    await use(() => pageIn(browser));
  },
});

/**
 * The network tests' start: the host begins at the lab's app, the guest (in the lab's guest
 * browser, behind its line) is let in, each shows the other's picture and both pictures
 * move. The consultation's links (`invites`, 1) come back for anyone else.
 */
export async function callInLab(
  lab: NetworkLab,
  sides: { host: Opener; guest: Opener },
  label: string,
  guestName: string,
  invites = 1,
): Promise<{ host: Page; guest: Page; links: string[] }> {
  const call = await hostAndGuestInCall({ ...sides, appUrl: lab.app.appUrl }, label, guestName, {
    invites,
  });
  await expect(call.host.getByLabel(`Video: ${guestName}`)).toBeVisible();
  for (const page of [call.host, call.guest])
    await expect
      .poll(async () => (await inboundMedia(page)).framesDecoded, { timeout: 60_000 })
      .toBeGreaterThan(10);
  return call;
}
