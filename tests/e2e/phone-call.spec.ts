import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { handoutPdf } from '../../scripts/test-pdfs';
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

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Every word under a control is shown whole: none cut off or ended with "…" (the name a
 * screen reader hears is whole either way; this is about what people see).
 */
async function expectWholeLabels(page: Page, state: string): Promise<void> {
  const bar = page.getByRole('group', { name: /^(Steuerung|Controls)$/ });
  const cut = await bar
    .locator('.control-label')
    .evaluateAll((labels) =>
      labels
        .filter((label) => label.scrollWidth > label.clientWidth)
        .map((label) => `${label.textContent} (${label.scrollWidth} > ${label.clientWidth} px)`),
    );
  expect(cut, `${state}: words under the controls cut off`).toEqual([]);
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
  await expectWholeLabels(guest, state);
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
      await guest.getByRole('button', { name: 'Schließen', exact: true }).tap();
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

      // A PDF presented: the page takes what the stage has left, its controls stay in view
      // under it, and her own picture sits beside the host's, not over the page.
      await host.getByRole('button', { name: 'PDF zeigen' }).click();
      await host.getByLabel('PDF-Datei auswählen').setInputFiles({
        name: 'Merkblatt.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(await handoutPdf({ pages: 2 })),
      });
      // Opening and drawing page 1 is the host's own work: slow on a busy machine.
      await host.getByRole('button', { name: 'Ja, allen zeigen' }).click({ timeout: 60_000 });
      await expect(guest.getByRole('img', { name: 'Seite 1 von „Merkblatt.pdf“' })).toBeVisible({
        timeout: 30_000,
      });
      for (const control of ['Vergrößern', 'Text dieser Seite'])
        await expect(guest.getByRole('button', { name: control })).toBeInViewport({ ratio: 1 });
      const pageArea = await guest.getByRole('group', { name: 'Seitenansicht' }).boundingBox();
      const mine = await guest.getByLabel('Video: Sie').boundingBox();
      expect(pageArea && mine && !overlap(pageArea, mine), 'her picture beside the page').toBe(
        true,
      );
      await expectPhoneState(guest, 'PDF presented');
      await host.getByRole('button', { name: 'Präsentation beenden' }).click();
      await expect(guest.getByRole('group', { name: 'Seitenansicht' })).toHaveCount(0);

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

test("the host's bar from a 360 px window up: every word whole; sharing and PDF under Mehr where the bar is narrow", async ({
  open,
}) => {
  const host = await open();
  await hostCreatesConsultation(host, 'Schmales Fenster');
  await hostBegins(host, 'Schmales Fenster');
  const bar = host.getByRole('group', { name: 'Steuerung' });
  const more = bar.getByRole('button', { name: 'Mehr', exact: true });
  const sheet = host.getByRole('region', { name: 'Mehr' });

  for (const width of [1280, 900, 721, 720, 601, 600, 540, 480, 479, 420, 360]) {
    await host.setViewportSize({ width, height: 740 });
    const state = `${width} px`;
    await expectInside(host, bar, `${state}: bar`);
    await expectWholeLabels(host, state);
    // Eight controls where they fit with their words, six (and two more under "Mehr") below.
    const narrow = width < 480;
    await expect(bar.getByRole('button')).toHaveCount(narrow ? 6 : 8);
    await more.click();
    await expect(sheet).toBeVisible();
    for (const name of ['Bildschirm teilen', 'PDF zeigen']) {
      await expect(bar.getByRole('button', { name, exact: true })).toBeVisible({
        visible: !narrow,
      });
      await expect(sheet.getByRole('button', { name, exact: true })).toBeVisible({
        visible: narrow,
      });
    }
    await sheet.getByRole('button', { name: 'Schließen', exact: true }).click();
    await expect(sheet).toBeHidden();
  }

  // From "Mehr": the sheet gives way to the question, and the focus comes back to "Mehr".
  await more.click();
  await sheet.getByRole('button', { name: 'PDF zeigen' }).click();
  const pdfQuestion = host.getByRole('dialog', { name: 'PDF zeigen?' });
  await expect(pdfQuestion).toBeVisible();
  await expect(sheet).toBeHidden();
  await pdfQuestion.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(pdfQuestion).toBeHidden();
  await expect(more).toBeFocused();

  await more.click();
  await sheet.getByRole('button', { name: 'Bildschirm teilen' }).click();
  const screenQuestion = host.getByRole('alertdialog', { name: 'Bildschirm teilen?' });
  await expect(screenQuestion).toBeVisible();
  await screenQuestion.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(screenQuestion).toBeHidden();
  await expect(more).toBeFocused();
});

test("the host's panel in a phone-sized window: the video first, the panel on demand, closed again", async ({
  open,
}) => {
  const host = await open();
  await hostCreatesConsultation(host, 'Seitenleiste');
  await hostBegins(host, 'Seitenleiste');
  const panel = host.getByRole('tablist', { name: 'Seitenleiste' });
  const self = host.getByLabel('Video: Sie');
  await expect(panel).toBeVisible();

  await host.setViewportSize({ width: 360, height: 740 });
  const toggle = host.getByRole('button', { name: 'Seitenleiste', exact: true });
  await expect(panel).toBeHidden();
  await expect(self).toBeInViewport();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');

  await toggle.click();
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('tab', { name: 'Warteraum' })).toBeFocused();
  await host.getByRole('button', { name: 'Seitenleiste schließen' }).click();
  await expect(panel).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(self).toBeInViewport();

  // The chat button opens the panel at the chat, and closes it again.
  const chat = host
    .getByRole('group', { name: 'Steuerung' })
    .getByRole('button', { name: /^Chat/ });
  await chat.click();
  await expect(panel.getByRole('tab', { name: 'Chat' })).toHaveAttribute('aria-selected', 'true');
  await expect(host.getByLabel('Ihre Nachricht')).toBeVisible();
  await chat.click();
  await expect(panel).toBeHidden();

  // Wide again: the panel is beside the stage, with no button to close it.
  await host.setViewportSize({ width: 1280, height: 800 });
  await expect(panel).toBeVisible();
  await expect(toggle).toHaveCount(0);
  await expect(host.getByRole('button', { name: 'Seitenleiste schließen' })).toHaveCount(0);
});
