import { expect, test } from '@playwright/test';
import {
  cspViolations,
  hostEntersCall,
  hostStartsCall,
  inboundMedia,
  joinWithCameraAndMicrophone,
  newPage,
} from './helpers';

test('host and guest see and hear each other in an end-to-end encrypted call', async ({
  browser,
}) => {
  const host = await newPage(browser);
  const link = await hostStartsCall(host);
  await hostEntersCall(host);
  await expect(host.getByText('Warten auf Ihr Gegenüber …')).toBeVisible();

  const guest = await newPage(browser);
  await guest.goto(link);
  // The key and token leave the address bar as soon as the page has read them.
  await expect.poll(() => guest.url()).not.toContain('#');
  await joinWithCameraAndMicrophone(guest);

  for (const page of [host, guest]) {
    await expect(page.getByLabel('Video: Gegenüber')).toBeVisible();
    await expect.poll(async () => (await inboundMedia(page)).framesDecoded).toBeGreaterThan(10);
    await expect.poll(async () => (await inboundMedia(page)).audioEnergy).toBeGreaterThan(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(await cspViolations(page)).toEqual([]);
  }

  await guest.getByRole('button', { name: 'Gespräch verlassen' }).click();
  await expect(
    guest.getByRole('heading', { name: 'Sie haben das Gespräch verlassen.' }),
  ).toBeVisible();
  await expect(host.getByText('Warten auf Ihr Gegenüber …')).toBeVisible();
});
