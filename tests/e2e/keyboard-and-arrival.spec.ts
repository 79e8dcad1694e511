import type { Page } from '@playwright/test';
import {
  agreeToCameraAndMicrophone,
  expect,
  expectEncrypted,
  guestKnocks,
  hostCreatesConsultation,
  test,
} from './helpers';

/** The focused element is this page's one h1, with this text. */
async function expectFocusOnHeading(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('h1')).toHaveText(text);
  await expect(page.locator('h1')).toBeFocused();
}

/** Presses Tab until the focused element has this accessible name (at most 60 times). */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let n = 0; n < 60; n += 1) {
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
    });
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

test('a guest who waits before the host is listed soon after the host is in', async ({ open }) => {
  const host = await open();
  const [link] = await hostCreatesConsultation(host, 'Früh da');
  const guest = await open();
  await guestKnocks(guest, link ?? '', 'Ali');
  await expect(guest.getByText('noch nicht da', { exact: false })).toBeVisible();

  const item = host
    .getByRole('listitem')
    .filter({ has: host.getByRole('heading', { name: 'Früh da' }) });
  await item.getByRole('button', { name: 'Beratung beginnen' }).click();
  await host.getByLabel('Ihr Name im Gespräch').fill('Frau Berger');
  await host.getByRole('button', { name: 'Gespräch beitreten' }).click();
  await expectEncrypted(host);
  const ready = Date.now();
  await expect(host.getByRole('button', { name: 'Ali hereinlassen' })).toBeVisible({
    timeout: 5_000,
  });
  // The issue asks for 1 s (npm run bench: host_join_to_knock_visible_ms); here only a
  // ceiling a busy two-core machine keeps.
  expect(Date.now() - ready).toBeLessThan(5_000);
});

test('keyboard only: admit, raise and lower a hand, end for all; the focus follows each screen', async ({
  open,
}) => {
  test.slow();
  const host = await open();
  const [link] = await hostCreatesConsultation(host, 'Tastatur');
  await expect(host.locator('h1')).toHaveCount(1);

  // Host: consultations list → device check → call, by keyboard.
  const item = host
    .getByRole('listitem')
    .filter({ has: host.getByRole('heading', { name: 'Tastatur' }) });
  await item.getByRole('button', { name: 'Beratung beginnen' }).focus();
  await host.keyboard.press('Enter');
  await expectFocusOnHeading(host, /./);
  await host.getByLabel('Ihr Name im Gespräch').fill('Frau Berger');
  await host.getByRole('button', { name: 'Gespräch beitreten' }).focus();
  await host.keyboard.press('Enter');
  await expectFocusOnHeading(host, 'Videogespräch');
  await expectEncrypted(host);

  // Guest: waiting room → call.
  const guest = await open();
  await guest.goto(link ?? '');
  await expectFocusOnHeading(guest, /./);
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await guest.getByLabel('Ihr Name').fill('Maria');
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await agreeToCameraAndMicrophone(guest);
  await guest.getByRole('button', { name: 'In den Warteraum' }).focus();
  await guest.keyboard.press('Enter');
  await expectFocusOnHeading(guest, 'Warteraum');

  // The host lets her in with the keyboard.
  const admit = host.getByRole('button', { name: 'Maria hereinlassen' });
  await expect(admit).toBeVisible();
  await tabTo(host, 'Maria hereinlassen');
  await host.keyboard.press('Enter');
  await expectEncrypted(guest);
  await expectFocusOnHeading(guest, 'Videogespräch');

  // She raises and lowers her hand with the keyboard; the host sees it.
  await tabTo(guest, 'Hand heben');
  await guest.keyboard.press('Enter');
  await expect(guest.getByRole('button', { name: 'Hand senken' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(guest.getByRole('button', { name: 'Hand senken' })).toBeFocused();
  await expect(host.getByRole('tab', { name: /^Im Gespräch/ })).toHaveText(/1/);
  await guest.keyboard.press('Space');
  await expect(guest.getByRole('button', { name: 'Hand heben' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await expect(host.getByRole('tab', { name: /^Im Gespräch/ })).toHaveText('Im Gespräch');

  // The host ends the call for everyone with the keyboard.
  await tabTo(host, 'Gespräch verlassen');
  await host.keyboard.press('Enter');
  await expect(host.getByRole('button', { name: 'Bleiben' })).toBeFocused();
  await tabTo(host, 'Für alle beenden');
  await host.keyboard.press('Enter');
  await expect(guest.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toBeVisible({
    timeout: 10_000,
  });
  await expectFocusOnHeading(guest, 'Das Gespräch ist beendet');
  await expect(host.getByRole('button', { name: 'Beratung anlegen' })).toBeVisible();
  await expectFocusOnHeading(host, /./);
});
