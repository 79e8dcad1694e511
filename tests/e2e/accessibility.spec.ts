import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  agreeToCameraAndMicrophone,
  appOrigin,
  expect,
  guestKnocks,
  hostAdmits,
  hostBegins,
  hostCreatesConsultation,
  hostTab,
  test,
} from './helpers';

const phone = { width: 360, height: 740 };

async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.map(
      (v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
  // Nothing wider than the phone: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    phone.width,
  );
}

test('every screen a guest sees passes axe on a 360 px phone', async ({ open }) => {
  // Two people, every screen of the journey, axe on each: long on a busy two-core machine.
  test.slow();
  const host = await open();
  const [link, second] = await hostCreatesConsultation(host, 'Barrierefrei', 2);

  const guest = await open(phone);
  await guest.goto(link ?? '');
  await expectAccessible(guest, 'welcome');
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await expectAccessible(guest, 'name');
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await expectAccessible(guest, 'name missing');
  await guest.getByLabel('Ihr Name').fill('Maria');
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await agreeToCameraAndMicrophone(guest);
  await expect(guest.getByLabel('So sehen die anderen Sie')).toBeVisible();
  await expectAccessible(guest, 'devices');
  await guest.getByRole('button', { name: 'In den Warteraum' }).click();
  await expect(guest.getByText('noch nicht da', { exact: false })).toBeVisible();
  await expectAccessible(guest, 'waiting, host absent');

  await hostBegins(host, 'Barrierefrei');
  await expect(guest.getByText('Sie werden gleich hereingebeten.')).toBeVisible();
  await expectAccessible(guest, 'waiting');
  await hostAdmits(host, 'Maria');
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
  await expectAccessible(guest, 'call');

  // The consent screens a guest sees during the call.
  await hostTab(host, 'Im Gespräch');
  await host.getByRole('button', { name: 'Weitere Möglichkeiten für Maria' }).click();
  await host.getByRole('button', { name: 'Maria um einen Blick in die Wohnung bitten' }).click();
  await host.getByRole('button', { name: 'Anfrage senden' }).click();
  await expect(guest.getByRole('alertdialog')).toBeVisible();
  await expectAccessible(guest, 'home view request');
  await guest.getByRole('button', { name: 'Ja, Wohnung zeigen' }).click();
  await expect(guest.getByRole('button', { name: 'Blick beenden' })).toBeVisible();
  await expectAccessible(guest, 'home view shown');
  await guest.getByRole('button', { name: 'Blick beenden' }).click();
  await hostTab(host, 'Ergebnisse');
  await host.getByRole('button', { name: 'Einzelgespräch' }).click();
  await expect(guest.getByRole('button', { name: 'Einverstanden', exact: true })).toBeVisible();
  await expectAccessible(guest, 'notes announced');
  await guest.getByRole('button', { name: 'Einverstanden', exact: true }).click();
  await host.getByLabel('Ziel 1').fill('Ein Ziel');
  await host.getByRole('button', { name: 'Zur Bestätigung zeigen' }).click();
  await expect(
    guest.getByRole('dialog', { name: /zeigt Ihnen, was Sie vereinbart haben/ }),
  ).toBeVisible();
  await expectAccessible(guest, 'outcomes for confirmation');
  await guest.getByRole('button', { name: 'Ich möchte etwas ergänzen' }).click();
  await expectAccessible(guest, 'outcomes comment');
  await guest.getByRole('button', { name: /^Chat/ }).click();
  await expect(guest.getByLabel('Ihre Nachricht')).toBeVisible();
  await expectAccessible(guest, 'chat');
  await guest.getByRole('button', { name: /^Chat/ }).click();
  await guest.getByRole('button', { name: 'Mehr', exact: true }).click();
  await expectAccessible(guest, 'more');
  await guest.getByText('Was der Server sehen kann').click();
  await expectAccessible(guest, 'server view');
  await guest.getByRole('button', { name: 'Schließen', exact: true }).click();
  await guest.getByRole('button', { name: 'Gespräch verlassen' }).click();
  await expectAccessible(guest, 'leave question');
  await guest.getByRole('button', { name: 'Ja, verlassen' }).click();
  await expectAccessible(guest, 'left');

  const declined = await open(phone);
  await guestKnocks(declined, second ?? '', 'Ali');
  await hostTab(host, 'Warteraum');
  await host.getByRole('button', { name: 'Ali ablehnen' }).click();
  await expect(
    declined.getByRole('heading', { name: 'Sie wurden nicht hereingelassen' }),
  ).toBeVisible();
  await expectAccessible(declined, 'declined');

  const broken = await open(phone);
  await broken.goto(`${appOrigin()}/#v=2&s=x`);
  await expectAccessible(broken, 'broken link');
});
