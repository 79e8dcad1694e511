/**
 * The presentation's screens in a real Chromium, before the call core's sealed message
 * layer exists: a test page (tests/e2e/present-harness) mounts the real components, tabs
 * of one browser profile stand for the people in a call and talk over a BroadcastChannel,
 * and the page is served with the app's own CSP. What crosses a real call (sealing,
 * the wrong key, the LiveKit server) is in present-pdf.spec.ts.
 */
import AxeBuilder from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { projectRoot } from '../../scripts/local-livekit';
import { createStaticFiles } from '../../src-main/browser-mode/static-files';
import { contentSecurityPolicy } from '../../src-main/services/content-security-policy';
import {
  damagedPdf,
  handoutPdf,
  noisePng,
  oversizedPdf,
  pageColours,
  pageTextOf,
  passwordPdf,
} from '../../scripts/test-pdfs';
import type { SentRecord } from './present-harness/broadcast-transport';
import { cspViolations, expect, expectPageShows, instrumentPage, test } from './helpers';

// Several tabs render PDFs at once: on a busy two-core machine that takes its time.
test.describe.configure({ timeout: 240_000 });

let server: Server;
let origin: string;

test.beforeAll(async () => {
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'tests/e2e/present-harness/vite.config.ts'],
    {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
  if (build.status !== 0) throw new Error('the presentation test page did not build');
  const files = createStaticFiles(join(projectRoot, 'out', 'present-harness'), () =>
    contentSecurityPolicy([]),
  );
  server = createServer((request, response) => void files(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

const fileName = 'Merkblatt Wohngeld.pdf';
const pageImage = (page: number) => `Seite ${page} von „${fileName}“`;

interface Room {
  context: BrowserContext;
  join(as: string, viewport?: { width: number; height: number }): Promise<Page>;
  problems: string[];
  /** Every address any tab of the room asked for, from its first load on. */
  requests: string[];
}

/** One browser profile: its tabs share a BroadcastChannel, as people share a call. */
async function room(browser: Browser, options: { hasTouch?: boolean } = {}): Promise<Room> {
  const context = await browser.newContext({ hasTouch: options.hasTouch, acceptDownloads: true });
  await instrumentPage(context);
  const problems: string[] = [];
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  return {
    context,
    problems,
    requests,
    join: async (as, viewport) => {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      page.on('pageerror', (error) => problems.push(`${as}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text()))
          problems.push(`${as}: ${message.text()}`);
      });
      await page.goto(`${origin}/?as=${as}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      return page;
    },
  };
}

/** What a tab sent about a presentation (not the contentless "what is shown now?" on joining). */
const sent = async (page: Page) =>
  ((await page.evaluate(() => window.__presentSent)) as SentRecord[]).filter(
    (record) => record.type !== 'sync',
  );

const fileInput = (page: Page) => page.getByLabel(/^(PDF-Datei auswählen|Andere Datei wählen)$/);

async function choose(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await fileInput(page).setInputFiles({
    name,
    mimeType: 'application/pdf',
    buffer: Buffer.from(bytes),
  });
}

/** The presenter opens the file, sees what will be shown, and agrees. */
async function present(page: Page, bytes: Uint8Array): Promise<void> {
  await page.getByRole('button', { name: 'PDF zeigen' }).click();
  await expect(page.getByRole('dialog', { name: 'PDF zeigen?' })).toBeVisible();
  await choose(page, fileName, bytes);
  await expect(page.getByRole('heading', { name: `„${fileName}“ allen zeigen?` })).toBeVisible();
  await page.getByRole('button', { name: 'Ja, allen zeigen' }).click();
}

/** The page really shows page n: its colour band on top, white below. */
const expectShows = (page: Page, n: number) =>
  expectPageShows(page, pageImage(n), pageColours[n - 1]!);

test('the presenter shows a PDF page by page; everyone, a latecomer too, sees the same page until it ends', async ({
  browser,
}) => {
  const call = await room(browser);
  const berger = await call.join('berger');
  const maria = await call.join('maria', { width: 390, height: 844 });

  // pdf.js is not loaded with the page, only once someone means to present.
  const pdfjs = () => call.requests.filter((url) => /pdf-engine|pdf\.worker/.test(url));
  expect(pdfjs()).toEqual([]);
  await berger.getByRole('button', { name: 'PDF zeigen' }).click();
  await expect.poll(() => pdfjs().length).toBe(2);
  await choose(berger, fileName, await handoutPdf({ pages: 3 }));
  await expect(berger.getByRole('heading', { name: `„${fileName}“ allen zeigen?` })).toBeVisible();
  // The question shows what will be seen first, and nothing has left yet.
  await expect(berger.getByText('3 Seiten.')).toBeVisible();
  await expectShows(berger, 1);
  expect(await sent(berger)).toEqual([]);
  await expect(maria.getByRole('heading', { level: 2 })).toHaveCount(0);
  await berger.getByRole('button', { name: 'Ja, allen zeigen' }).click();

  // Page 1, its picture and its text.
  await expect(
    maria.getByRole('heading', { name: 'Frau Berger zeigt: Seite 1 von 3' }),
  ).toBeVisible();
  await expect(maria.getByText(`Datei: ${fileName}`)).toBeVisible();
  await expectShows(maria, 1);
  await expect(maria.locator('#page-text')).toContainText(pageTextOf(1));
  await expect(berger.getByRole('heading', { name: `Sie zeigen: ${fileName}` })).toBeVisible();

  // "Weiter" moves everyone.
  await berger.getByRole('button', { name: 'Weiter' }).click();
  await expect(
    maria.getByRole('heading', { name: 'Frau Berger zeigt: Seite 2 von 3' }),
  ).toBeVisible();
  await expectShows(maria, 2);
  await expect(maria.locator('#page-text')).toContainText(pageTextOf(2));

  // Keys, and the page number.
  await berger.getByRole('region', { name: `Sie zeigen: ${fileName}` }).press('ArrowRight');
  await expect(
    maria.getByRole('heading', { name: 'Frau Berger zeigt: Seite 3 von 3' }),
  ).toBeVisible();
  await berger.keyboard.press('ArrowLeft');
  await expect(
    maria.getByRole('heading', { name: 'Frau Berger zeigt: Seite 2 von 3' }),
  ).toBeVisible();
  // A text field for digits with the number keypad (not type="number"): "3." is 3.
  const pageField = berger.getByRole('textbox', { name: 'Seite' });
  await expect(pageField).toHaveAttribute('inputmode', 'numeric');
  await pageField.fill('3.');
  await expect(pageField).toHaveValue('3');
  await pageField.press('Enter');
  await expectShows(maria, 3);
  await berger.getByRole('button', { name: 'Zurück' }).click();
  await expectShows(maria, 2);

  // Someone joining late sees the current page at once.
  const jonas = await call.join('jonas');
  await expect(
    jonas.getByRole('heading', { name: 'Frau Berger zeigt: Seite 2 von 3' }),
  ).toBeVisible();
  await expectShows(jonas, 2);

  // Viewers are offered no way to save, not even the browser's own menu on the picture.
  await expect(maria.getByRole('button', { name: 'Seite speichern' })).toHaveCount(0);
  const menuBlocked = await maria.getByRole('img', { name: pageImage(2) }).evaluate((canvas) => {
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    return !canvas.dispatchEvent(event);
  });
  expect(menuBlocked).toBe(true);
  expect(await maria.locator('img, a[download]').count()).toBe(0);

  // Until the presenter allows it.
  await berger.getByLabel('Speichern erlauben').check();
  const save = maria.getByRole('button', { name: 'Seite speichern' });
  await expect(save).toBeVisible();
  const download = maria.waitForEvent('download');
  await save.click();
  expect((await download).suggestedFilename()).toMatch(
    /^Merkblatt Wohngeld – Seite 2\.(webp|png)$/,
  );

  // "Präsentation beenden" clears it for everyone.
  await berger.getByRole('button', { name: 'Präsentation beenden' }).click();
  for (const viewer of [maria, jonas]) {
    await expect(viewer.getByRole('heading', { level: 2 })).toHaveCount(0);
    await expect(viewer.getByRole('img')).toHaveCount(0);
  }
  await expect(berger.getByRole('button', { name: 'PDF zeigen' })).toBeFocused();

  for (const page of [berger, maria, jonas]) expect(await cspViolations(page)).toEqual([]);
  expect(call.problems).toEqual([]);
  await call.context.close();
});

test('bad files each get a plain message, nothing is sent, and a good file still works after', async ({
  browser,
}) => {
  const call = await room(browser);
  const berger = await call.join('berger');
  const maria = await call.join('maria');
  await berger.getByRole('button', { name: 'PDF zeigen' }).click();
  const bad: [string, Uint8Array, string][] = [
    ['kaputt.pdf', damagedPdf(), 'Die Datei ist beschädigt und lässt sich nicht öffnen.'],
    ['geschützt.pdf', passwordPdf('geheim'), 'Die Datei ist mit einem Passwort geschützt.'],
    ['leer.pdf', new Uint8Array(0), 'Die Datei ist leer.'],
    ['Foto.pdf', noisePng(16, 16), 'Diese Datei ist keine PDF-Datei.'],
    [
      'riesig.pdf',
      oversizedPdf(26 * 1024 * 1024),
      'Die Datei ist zu groß. Es gehen PDF-Dateien bis 25 MB.',
    ],
    [
      'dick.pdf',
      await handoutPdf({ pages: 201 }),
      'Die Datei hat zu viele Seiten. Es gehen bis zu 200 Seiten.',
    ],
  ];
  for (const [name, bytes, message] of bad) {
    // From disk, as a person picks it (and fast: a 26 MB buffer crawls through the protocol).
    const path = test.info().outputPath(name);
    await writeFile(path, bytes);
    await fileInput(berger).setInputFiles(path);
    const alert = berger.getByRole('alert');
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('Es wurde nichts gesendet.');
  }
  expect(await sent(berger)).toEqual([]);
  await expect(maria.getByRole('heading', { level: 2 })).toHaveCount(0);

  // The presenter picks a good file next, and it works.
  await choose(berger, fileName, await handoutPdf({ pages: 2 }));
  await berger.getByRole('button', { name: 'Ja, allen zeigen' }).click();
  await expect(
    maria.getByRole('heading', { name: 'Frau Berger zeigt: Seite 1 von 2' }),
  ).toBeVisible();

  // Cancelling the question sends nothing either.
  await berger.getByRole('button', { name: 'Präsentation beenden' }).click();
  const before = (await sent(berger)).length;
  await berger.getByRole('button', { name: 'PDF zeigen' }).click();
  await choose(berger, fileName, await handoutPdf({ pages: 2 }));
  await berger.getByRole('button', { name: 'Abbrechen' }).click();
  expect((await sent(berger)).length).toBe(before);
  await expect(maria.getByRole('heading', { level: 2 })).toHaveCount(0);
  expect(call.problems).toEqual([]);
  await call.context.close();
});

test('a file dropped on the question opens it, one dropped beside it does not leave the call', async ({
  browser,
}) => {
  const call = await room(browser);
  const berger = await call.join('berger');
  await berger.getByRole('button', { name: 'PDF zeigen' }).click();
  const bytes = Array.from(await handoutPdf({ pages: 2 }));
  const drop = async (selector: string) =>
    berger.evaluate(
      ({ selector, bytes, name }) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/pdf' }));
        const target = document.querySelector(selector);
        // A synthetic drop has no default action, so what the page did is asked instead: a
        // drop the page does not cancel is one the browser opens, leaving the call.
        const cancelled: string[] = [];
        for (const type of ['dragenter', 'dragover', 'drop']) {
          const event = new DragEvent(type, {
            bubbles: true,
            cancelable: true,
            dataTransfer: data,
          });
          if (!target?.dispatchEvent(event)) cancelled.push(type);
        }
        return cancelled;
      },
      { selector, bytes, name: fileName },
    );
  expect(await drop('h1')).toEqual(['dragover', 'drop']);
  expect(berger.url()).toBe(`${origin}/?as=berger`);
  await expect(berger.getByRole('heading', { level: 2 })).toHaveText('PDF zeigen?');
  await drop('.drop-zone');
  await expect(berger.getByRole('heading', { name: `„${fileName}“ allen zeigen?` })).toBeVisible();
  await call.context.close();
});

test('on a phone the page fills the width and two fingers zoom it', async ({ browser }) => {
  const call = await room(browser, { hasTouch: true });
  const berger = await call.join('berger');
  const phone = { width: 390, height: 844 };
  const maria = await call.join('maria', phone);
  await present(berger, await handoutPdf({ pages: 2 }));
  const picture = maria.getByRole('img', { name: pageImage(1) });
  await expectShows(maria, 1);
  const width = async () => (await picture.boundingBox())?.width ?? 0;
  // As wide as the call's column (the app keeps a small margin at the screen's edges).
  const frame = await maria
    .getByRole('group', { name: 'Seitenansicht' })
    .evaluate((e) => e.clientWidth);
  expect(await width()).toBe(frame);
  expect(frame).toBeGreaterThan(phone.width * 0.9);

  // Two fingers spread apart over the page.
  const cdp = await maria.context().newCDPSession(maria);
  const box = (await picture.boundingBox())!;
  const centre = { x: phone.width / 2, y: Math.min(box.y + 200, phone.height / 2) };
  const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints:
        type === 'touchEnd'
          ? []
          : [
              { x: centre.x - spread, y: centre.y, id: 1 },
              { x: centre.x + spread, y: centre.y, id: 2 },
            ],
    });
  await touch('touchStart', 40);
  for (let spread = 50; spread <= 120; spread += 10) await touch('touchMove', spread);
  await touch('touchEnd', 0);
  await expect.poll(width).toBeGreaterThan(phone.width * 2);
  await expect(maria.getByText(/Vergrößerung (2\d\d|300) %/)).toBeVisible();
  // Zoomed in, the page still sits inside the screen: no sideways scrolling of the whole page.
  expect(await maria.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    phone.width,
  );
  await call.context.close();
});

test('the presenting screens, the question and the screen picker pass axe', async ({ browser }) => {
  const call = await room(browser);
  const berger = await call.join('berger');
  const maria = await call.join('maria', { width: 360, height: 740 });
  const axe = async (page: Page, screen: string) => {
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      results.violations.map(
        (v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  };
  await berger.getByRole('button', { name: 'PDF zeigen' }).click();
  await axe(berger, 'question');
  await choose(berger, fileName, await handoutPdf({ pages: 3 }));
  await expect(berger.getByRole('button', { name: 'Ja, allen zeigen' })).toBeVisible();
  await axe(berger, 'confirm');
  await berger.getByRole('button', { name: 'Ja, allen zeigen' }).click();
  await expectShows(maria, 1);
  await axe(berger, 'presenter');
  await axe(maria, 'viewer');
  await maria.getByRole('button', { name: 'Text dieser Seite' }).click();
  await expect(maria.locator('#page-text')).toBeVisible();
  await axe(maria, 'viewer with text');
  await berger.screenshot({ path: 'out/test-results/present-presenter.png', fullPage: true });
  await maria.screenshot({ path: 'out/test-results/present-viewer-phone.png', fullPage: true });
  await call.context.close();
});

test('the screen picker: keyboard choice shares that source; cancel shares nothing', async ({
  browser,
}) => {
  const call = await room(browser);
  const berger = await call.join('berger');
  const png = `data:image/png;base64,${Buffer.from(noisePng(32, 18)).toString('base64')}`;
  const question = {
    requestId: 'AbCdEfGhIjKlMnOpQr_-09',
    audioAvailable: false,
    sources: [
      { id: 'screen:0:0', kind: 'screen' as const, name: 'Bildschirm 1', thumbnail: png },
      {
        id: 'window:7:0',
        kind: 'window' as const,
        name: 'Hilfeplan – Textverarbeitung',
        thumbnail: png,
      },
      { id: 'window:8:0', kind: 'window' as const, name: 'Posteingang', thumbnail: '' },
    ],
  };
  const ask = (requestId: string) =>
    berger.evaluate((q) => window.__askScreen(q), { ...question, requestId });

  const first = ask(question.requestId);
  const dialog = berger.getByRole('dialog', { name: 'Was möchten Sie teilen?' });
  await expect(dialog).toBeVisible();
  // Nothing is chosen at first, so "Teilen" cannot share anything yet.
  await expect(dialog.getByRole('button', { name: 'Teilen' })).toBeDisabled();
  await expect(dialog.getByRole('radio')).toHaveCount(3);
  const results = await new AxeBuilder({ page: berger }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  await berger.screenshot({ path: 'out/test-results/present-screen-picker.png' });
  await dialog.getByRole('radio', { name: 'Hilfeplan – Textverarbeitung' }).focus();
  await berger.keyboard.press('Space');
  await berger.keyboard.press('Enter');
  expect(await first).toEqual({ sourceId: 'window:7:0', audio: false });
  await expect(dialog).toHaveCount(0);

  const second = ask('BbCdEfGhIjKlMnOpQr_-09');
  await expect(dialog).toBeVisible();
  await berger.keyboard.press('Escape');
  expect(await second).toBeNull();

  const third = ask('CbCdEfGhIjKlMnOpQr_-09');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  expect(await third).toBeNull();

  // A click on the dim backdrop takes the focus out of the picker; Escape still answers.
  const fourth = ask('DbCdEfGhIjKlMnOpQr_-09');
  await expect(dialog).toBeVisible();
  await berger.mouse.click(4, 4);
  await expect(dialog).toBeVisible();
  await berger.keyboard.press('Escape');
  expect(await fourth).toBeNull();
  await expect(dialog).toHaveCount(0);

  // An Escape in the very first moment the picker is in the page, before React's later work
  // has run, answers too (a busy machine delivered a key that early, and the question hung).
  const fifth = berger.evaluate(
    (q) => {
      new MutationObserver((_changes, observer) => {
        if (!document.querySelector('[role="dialog"]')) return;
        observer.disconnect();
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      }).observe(document.body, { childList: true, subtree: true });
      return window.__askScreen(q);
    },
    { ...question, requestId: 'EbCdEfGhIjKlMnOpQr_-09' },
  );
  expect(await fifth).toBeNull();
  await expect(dialog).toHaveCount(0);
  await call.context.close();
});

test('while sharing the screen, a bar says so and stops it', async ({ browser }) => {
  const call = await room(browser);
  const page = await call.context.newPage();
  await page.goto(`${origin}/?as=berger&sharing=yes`);
  const bar = page.getByRole('status').filter({ hasText: 'Sie teilen Ihren Bildschirm' });
  await expect(bar).toBeVisible();
  await page.mouse.wheel(0, 2000);
  await expect(bar).toBeInViewport();
  await bar.getByRole('button', { name: 'Teilen beenden' }).click();
  await expect(bar).toHaveCount(0);
  await call.context.close();
});
