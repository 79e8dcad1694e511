import { expect, hostAndGuestInCall, test } from './helpers';

test('quick exit leaves the call at once and leaves a neutral page behind', async ({ open }) => {
  const { host, guest } = await hostAndGuestInCall(open, 'Suchtberatung', 'Kim');
  await expect(host.getByLabel('Video: Kim')).toBeVisible();
  // Her whole way in and the call kept nothing in the browser beyond this tab: no entry in
  // its local storage (livekit-client wrote fifteen of its log levels there), no cookie.
  expect(await guest.evaluate(() => Object.keys(localStorage))).toEqual([]);
  expect(await guest.evaluate(() => document.cookie)).toBe('');

  await guest.getByRole('button', { name: /Schnell verlassen/ }).click();
  await expect(guest).toHaveURL(/\/neutral\.html$/);
  await expect(guest).toHaveTitle('Neuer Tab');
  expect(await guest.locator('body').innerText()).toBe('');
  expect(await guest.evaluate(() => sessionStorage.length)).toBe(0);
  expect(await guest.evaluate(() => localStorage.length)).toBe(0);
  // Gone from the call for the host as well.
  await expect(host.getByText('Warten auf Ihr Gegenüber …')).toBeVisible();
});
