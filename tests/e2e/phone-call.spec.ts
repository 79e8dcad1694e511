import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import {
  expect,
  guestConsents,
  guestKnocks,
  hostAdmits,
  hostBegins,
  hostCreatesConsultation,
  hostTab,
  instrumentPage,
  test,
} from './helpers';

const phones = [
  { width: 360, height: 640 },
  { width: 360, height: 740 },
];

/** Fully on screen: not cut at any edge. */
async function expectInside(page: Page, element: Locator, what: string): Promise<void> {
  const box = await element.boundingBox();
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  expect(box, `${what} is on the page`).not.toBeNull();
  if (!box) return;
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(width + 0.5);
  expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(height + 0.5);
}

/**
 * What a guest on a phone must always have: the control bar and "Schnell verlassen" whole
 * and in view, a page that does not scroll, and nothing axe finds.
 */
async function expectPhoneState(guest: Page, state: string): Promise<void> {
  await expectInside(guest, guest.getByRole('group', { name: 'Steuerung' }), `${state}: bar`);
  await expectInside(
    guest,
    guest.getByRole('button', { name: /^Schnell verlassen/ }),
    `${state}: Schnell verlassen`,
  );
  const sizes = await guest.evaluate(() => ({
    scrollHeight: document.scrollingElement?.scrollHeight ?? 0,
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
  }));
  expect(sizes.scrollHeight, `${state}: the page does not scroll`).toBeLessThanOrEqual(
    sizes.innerHeight,
  );
  expect(sizes.scrollWidth, `${state}: nothing sideways`).toBeLessThanOrEqual(sizes.innerWidth);
  const results = await new AxeBuilder({ page: guest })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.map(
      (v) => `${state}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

for (const phone of phones) {
  test(`a guest's call on a ${phone.width}×${phone.height} phone: bar and quick exit always in view, nothing scrolls`, async ({
    open,
    browser,
  }) => {
    test.slow();
    const host = await open();
    const [link] = await hostCreatesConsultation(host, `Telefon ${phone.height}`);
    await hostBegins(host, `Telefon ${phone.height}`);

    const context = await browser.newContext({
      viewport: phone,
      isMobile: true,
      hasTouch: true,
      permissions: ['camera', 'microphone'],
    });
    try {
      await instrumentPage(context);
      const guest = await context.newPage();
      await guestKnocks(guest, link ?? '', 'Maria');
      await hostAdmits(host, 'Maria');
      await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
      await expectPhoneState(guest, 'in the call');

      // Chat: the field to write in is on screen, above the bar.
      await guest.getByRole('button', { name: /^Chat/ }).tap();
      const field = guest.getByLabel('Ihre Nachricht');
      await expect(field).toBeInViewport({ ratio: 1 });
      await expectPhoneState(guest, 'chat open');
      await guest.getByRole('button', { name: /^Chat/ }).tap();
      await expect(field).toBeHidden();

      // "Mehr".
      await guest.getByRole('button', { name: 'Mehr', exact: true }).tap();
      await expect(guest.getByRole('region', { name: 'Mehr' })).toBeVisible();
      await expectPhoneState(guest, 'more open');
      await guest.getByRole('button', { name: 'Schließen' }).tap();
      await expect(guest.getByRole('region', { name: 'Mehr' })).toBeHidden();

      // The consents sheet.
      await guestConsents(guest);
      await expectPhoneState(guest, 'consents open');
      await guest.keyboard.press('Escape');
      await expect(guest.getByRole('region', { name: 'Zustimmungen' })).toHaveCount(0);

      // A request from the host: the guest decides.
      await hostTab(host, 'Im Gespräch');
      await host.getByRole('button', { name: 'Weitere Möglichkeiten für Maria' }).click();
      await host.getByRole('button', { name: 'Maria bitten, das Mikrofon auszuschalten' }).click();
      const prompt = guest.getByRole('alertdialog', {
        name: 'Frau Berger bittet Sie, Ihr Mikrofon auszuschalten',
      });
      await expect(prompt).toBeVisible();
      // The whole question is read without scrolling: heading and both answers in view.
      for (const part of [
        prompt.getByRole('heading'),
        prompt.getByRole('button', { name: 'Ja, Mikrofon ausschalten' }),
        prompt.getByRole('button', { name: 'Nein, Mikrofon anlassen' }),
      ])
        await expect(part).toBeInViewport({ ratio: 1 });
      await expectPhoneState(guest, 'host request');
      await prompt.getByRole('button', { name: 'Nein, Mikrofon anlassen' }).tap();
      await expect(prompt).toBeHidden();

      // The leave question.
      await guest.getByRole('button', { name: 'Gespräch verlassen' }).tap();
      const question = guest.getByRole('alertdialog', { name: 'Gespräch verlassen?' });
      await expect(question).toBeVisible();
      await expect(question.getByRole('button', { name: 'Ja, verlassen' })).toBeInViewport({
        ratio: 1,
      });
      await expectPhoneState(guest, 'leave question');
      await question.getByRole('button', { name: 'Bleiben' }).tap();
      await expect(question).toBeHidden();
      await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
    } finally {
      await context.close();
    }
  });
}
