import { generateKeyPairSync } from 'node:crypto';
import { appOrigin, expect, test, withoutH264 } from './helpers';

const key = 'A'.repeat(43);
const token = [
  'e30',
  Buffer.from(
    JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600, video: { room: 'x' } }),
  ).toString('base64url'),
  'sig',
].join('.');
/** A real P-256 public key, as an invite carries the host's: the uncompressed point. */
const hostKey = (() => {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
    format: 'jwk',
  });
  const point = [
    4,
    ...Buffer.from(jwk.x ?? '', 'base64url'),
    ...Buffer.from(jwk.y ?? '', 'base64url'),
  ];
  return Buffer.from(point).toString('base64url');
})();
const inviteUrl = () =>
  `${appOrigin()}/#${new URLSearchParams({ v: '3', s: 'ws://127.0.0.1:9', w: token, k: key, h: hostKey })}`;

/** The call's code: livekit-client, split off from the first load. */
const callCode = /\/assets\/livekit-client-[^/]+\.js$/;
/** The English texts, split off too: German is the default. */
const englishTexts = /\/assets\/en-[^/]+\.js$/;

declare global {
  interface Window {
    __welcomeShownAt?: number;
  }
}

test('the welcome comes first and small; the call follows while the guest reads', async ({
  open,
}) => {
  const page = await open();
  // When the welcome's button enters the page, before anything else can happen.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const button = [...document.querySelectorAll('button')].find((b) =>
        b.textContent?.includes('Einverstanden, weiter'),
      );
      if (!button) return;
      window.__welcomeShownAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const encodings = new Map<string, string>();
  const scriptBodies = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.endsWith('.js')) scriptBodies.set(path, response.body());
    const headers = response.headers();
    // Files under a kilobyte are not worth compressing; the build leaves them as they are.
    const small = Number(headers['content-length']) < 1024;
    encodings.set(path, small ? 'small' : (headers['content-encoding'] ?? 'none'));
  });
  const laterCode = [callCode, englishTexts].map((code) =>
    page.waitForResponse((response) => code.test(response.url())),
  );

  await page.goto(inviteUrl());
  await expect(page.getByRole('button', { name: 'Einverstanden, weiter' })).toBeEnabled();
  // Nobody clicked: the call's code and the English texts are fetched anyway, after the
  // welcome was on screen.
  await Promise.all(laterCode);
  const timing = await page.evaluate(() => {
    const startOf = (name: RegExp) =>
      performance.getEntriesByType('resource').find((entry) => name.test(entry.name))?.startTime ??
      Number.NaN;
    return {
      shownAt: window.__welcomeShownAt ?? Number.NaN,
      callCodeStart: startOf(/\/assets\/livekit-client-/),
      englishStart: startOf(/\/assets\/en-/),
    };
  });
  expect(timing.callCodeStart).toBeGreaterThan(timing.shownAt);
  expect(timing.englishStart).toBeGreaterThan(timing.shownAt);

  // Every script and style arrives compressed (Chromium takes brotli, even on loopback).
  const scripts = [...encodings].filter(([path]) => /\.(js|css)$/.test(path));
  expect(scripts.filter(([, encoding]) => encoding === 'br').length).toBeGreaterThan(3);
  for (const [path, encoding] of scripts)
    expect({ path, encoding }).toEqual({ path, encoding: encoding === 'small' ? 'small' : 'br' });

  // Every script is plain ASCII: the page keeps each one's source while it runs, one byte a
  // character, where a single "…" would make it hold all of that script in two.
  expect(scriptBodies.size).toBeGreaterThan(3);
  for (const [path, body] of scriptBodies) {
    const beyondAscii = [...(await body)].filter((byte) => byte > 0x7f).length;
    expect({ path, beyondAscii }).toEqual({ path, beyondAscii: 0 });
  }
});

test('if the call cannot be loaded, the guest is told plainly and can try again', async ({
  open,
}) => {
  const page = await open();
  await page.route(callCode, (route) => route.abort('internetdisconnected'));
  await page.goto(inviteUrl());
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel('Ihr Name').fill('Ali');
  await page.getByRole('button', { name: 'Weiter' }).click();
  // The device check needs none of the call's code: it is there, with her camera's picture.
  await page.getByLabel('Meine Kamera einschalten').check();
  const preview = page.locator('video[aria-label="So sehen die anderen Sie"]');
  await expect
    .poll(() => preview.evaluate((video: HTMLVideoElement) => video.videoWidth))
    .toBe(640);
  await page.getByRole('button', { name: 'In den Warteraum' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Die Seite wurde nicht ganz geladen. Prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.',
  );

  // The connection is back: trying again starts from the welcome, with the same invite.
  await page.unroute(callCode);
  await page.getByRole('button', { name: 'Noch einmal versuchen' }).click();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel('Ihr Name').fill('Ali');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('heading', { name: 'Kamera und Mikrofon' })).toBeVisible();
});

test('English on request: every text switches, and the choice stays in this tab only', async ({
  open,
}) => {
  const page = await open();
  await page.goto(inviteUrl());
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('button', { name: 'I agree, continue' })).toBeEnabled();
  await expect(page.getByText('Confidential video consultation')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Quick exit' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The link again, in a new page load: still English.
  await page.goto('about:blank');
  await page.goto(inviteUrl());
  await expect(page.getByRole('button', { name: 'I agree, continue' })).toBeEnabled();
  await page.getByRole('button', { name: 'I agree, continue' }).click();
  await expect(page.getByLabel('Your name')).toBeVisible();
  // Kept in the tab, not on the phone: a new tab starts in German, and the browser's local
  // storage, which outlasts the tab, holds nothing.
  const newTab = await page.context().newPage();
  await newTab.goto(inviteUrl());
  await expect(newTab.getByRole('button', { name: 'Einverstanden, weiter' })).toBeEnabled();
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);

  await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
  await expect(page.getByLabel('Ihr Name')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.goto('about:blank');
  await page.goto(inviteUrl());
  await expect(page.getByRole('button', { name: 'Einverstanden, weiter' })).toBeEnabled();
});

test('a guest page removes what earlier versions left in the browser, and nothing else', async ({
  open,
}) => {
  const page = await open();
  await page.goto(`${appOrigin()}/neutral.html`);
  await page.evaluate(() => {
    localStorage.setItem('loglevel:livekit-room', 'ERROR');
    localStorage.setItem('loglevel:lk-e2ee', 'ERROR');
    localStorage.setItem('augenhoehe.language', 'en');
    localStorage.setItem('someone-elses', 'kept');
  });
  await page.goto(inviteUrl());
  // The language an earlier version kept is no longer read, ...
  await expect(page.getByRole('button', { name: 'Einverstanden, weiter' })).toBeEnabled();
  // ... and its entries go, once the welcome is shown.
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage)))
    .toEqual(['someone-elses']);
});

test('if the English texts cannot be loaded, the page stays German and goes on; once the line is back, the switch works', async ({
  open,
}) => {
  const page = await open();
  await page.route(englishTexts, (route) => route.abort('internetdisconnected'));
  await page.goto(inviteUrl());
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('button', { name: 'Einverstanden, weiter' }).click();
  await expect(page.getByLabel('Ihr Name')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('button', { name: 'Switch to English' })).toBeVisible();

  await page.unroute(englishTexts);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByLabel('Your name')).toBeVisible();
});

test('a browser that says it cannot show H.264 is told on the welcome, before the link is used; others are not', async ({
  open,
}) => {
  const usual = await open();
  await usual.goto(inviteUrl());
  await expect(usual.getByRole('button', { name: 'Einverstanden, weiter' })).toBeEnabled();
  await expect(usual.getByText('Bild Ihres Gegenübers')).toHaveCount(0);

  // As Firefox with its OpenH264 plugin turned off: H.264 is not among the codecs it shows.
  const cannotShow = await open();
  await withoutH264(cannotShow, 'receive');
  await cannotShow.goto(inviteUrl());
  await expect(
    cannotShow.getByText(
      'Dieser Browser kann das Bild Ihres Gegenübers vielleicht nicht zeigen. Den Ton hören Sie trotzdem.',
      { exact: false },
    ),
  ).toBeVisible();
  // She can still go on: the notice advises, it does not stop her.
  await expect(cannotShow.getByRole('button', { name: 'Einverstanden, weiter' })).toBeEnabled();
});
