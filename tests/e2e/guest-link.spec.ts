import { expect, test } from '@playwright/test';
import { appOrigin, joinLinkFor, newPage } from './helpers';

const key = 'A'.repeat(43);
const tokenExpiringAt = (exp: number) =>
  [
    'e30',
    Buffer.from(JSON.stringify({ exp, video: { room: 'x' } })).toString('base64url'),
    'sig',
  ].join('.');

test.describe('a guest with a link that cannot work gets a plain message', () => {
  const cases = [
    {
      what: 'truncated link',
      fragment: 'v=1&s=ws%3A%2F%2F127.0.0.1%3A7890&t=abc',
      message:
        'Dieser Link ist unvollständig oder beschädigt. Bitte fragen Sie nach einem neuen Link.',
    },
    {
      what: 'expired link',
      fragment: new URL(
        joinLinkFor('http://x/', 'ws://127.0.0.1:7890', tokenExpiringAt(1_600_000_000), key),
      ).hash.slice(1),
      message: 'Dieser Link ist abgelaufen. Bitte fragen Sie nach einem neuen Link.',
    },
    {
      what: 'link from a future version',
      fragment: 'v=9&s=ws%3A%2F%2F127.0.0.1%3A7890',
      message:
        'Dieser Link ist für eine andere Version von Augenhöhe. Bitte fragen Sie nach einem neuen Link.',
    },
  ];
  for (const { what, fragment, message } of cases) {
    test(what, async ({ browser }) => {
      const page = await newPage(browser);
      await page.goto(`${appOrigin()}/#${fragment}`);
      await expect(page.getByRole('alert')).toHaveText(message);
      await expect(page.getByRole('button', { name: 'Gespräch beitreten' })).toHaveCount(0);
    });
  }

  test('link to a server that does not answer', async ({ browser }) => {
    const page = await newPage(browser);
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    await page.goto(
      joinLinkFor(`${appOrigin()}/`, 'ws://127.0.0.1:9', tokenExpiringAt(inAnHour), key),
    );
    await page.getByRole('button', { name: 'Gespräch beitreten' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'Der Gesprächs-Server ist gerade nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.',
    );
    await expect(page.getByRole('button', { name: 'Noch einmal versuchen' })).toBeVisible();
  });
});
