import type { Page } from '@playwright/test';
import { appOrigin, expect, roundedVideoClips, test } from './helpers';

const key = 'A'.repeat(42) + 'A';
const hostKey = Buffer.from([4, ...new Array<number>(64).fill(9)]).toString('base64url');
const tokenExpiringAt = (exp: number) =>
  [
    'e30',
    Buffer.from(JSON.stringify({ exp, video: { room: 'x' } })).toString('base64url'),
    'sig',
  ].join('.');
const invite = (server: string, token: string) =>
  new URLSearchParams({ v: '3', s: server, w: token, k: key, h: hostKey }).toString();
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** Ali opens a link to a server that does not answer and ticks camera and microphone. */
async function toDeviceCheckWithBoth(page: Page): Promise<void> {
  await page.goto(`${appOrigin()}/#${invite('ws://127.0.0.1:9', tokenExpiringAt(inAnHour()))}`);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel('Ihr Name').fill('Ali');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel('Meine Kamera einschalten').check();
  await page.getByLabel('Mein Mikrofon einschalten').check();
}

test.describe('a guest with a link that cannot work gets a plain message and a way forward', () => {
  const cases = [
    {
      what: 'truncated link',
      fragment: 'v=3&s=ws%3A%2F%2F127.0.0.1%3A7890&w=abc',
      message:
        'Dieser Link ist unvollständig oder beschädigt. Bitte fragen Sie nach einem neuen Link.',
    },
    {
      what: 'tampered key',
      fragment: invite('ws://127.0.0.1:7890', tokenExpiringAt(2_000_000_000)).replace(
        /k=A+/,
        'k=%%%',
      ),
      message:
        'Dieser Link ist unvollständig oder beschädigt. Bitte fragen Sie nach einem neuen Link.',
    },
    {
      what: 'expired link',
      fragment: invite('ws://127.0.0.1:7890', tokenExpiringAt(1_600_000_000)),
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
    test(what, async ({ open }) => {
      const page = await open();
      await page.goto(`${appOrigin()}/#${fragment}`);
      await expect(page.getByRole('alert')).toHaveText(message);
      await expect(page.getByRole('button', { name: 'Weiter' })).toHaveCount(0);
    });
  }

  test('link to a server that does not answer', async ({ open }) => {
    const page = await open();
    await page.goto(`${appOrigin()}/#${invite('ws://127.0.0.1:9', tokenExpiringAt(inAnHour()))}`);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Ihr Name').fill('Ali');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('button', { name: 'In den Warteraum' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'Der Gesprächs-Server ist gerade nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.',
    );
    await expect(page.getByRole('button', { name: 'Noch einmal versuchen' })).toBeVisible();
  });

  test('a guest without a name is asked for one, and camera or microphone can stay off', async ({
    open,
  }) => {
    const page = await open();
    await page.goto(`${appOrigin()}/#${invite('ws://127.0.0.1:9', tokenExpiringAt(inAnHour()))}`);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByRole('alert')).toHaveText('Bitte geben Sie einen Namen ein.');
    await page.getByLabel('Ihr Name').fill('Ali');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByLabel('Meine Kamera einschalten')).not.toBeChecked();
    await expect(page.getByLabel('Mein Mikrofon einschalten')).not.toBeChecked();
    await page.getByLabel('Meine Kamera einschalten').check();
    await expect(page.getByLabel('So sehen die anderen Sie')).toBeVisible();
    // Her preview is square: a rounded clip would be masked on every frame of it.
    expect(await roundedVideoClips(page)).toEqual([]);
  });

  test('nothing moves the button while camera and microphone start', async ({ open }) => {
    const page = await open();
    // The devices answer only when the test says so, as on a busy machine, where they take
    // seconds: a click on the button meanwhile must still land on it.
    await page.addInitScript(() => {
      const devices = navigator.mediaDevices;
      const real = devices.getUserMedia.bind(devices);
      let answer = () => {};
      const answered = new Promise<void>((resolve) => (answer = resolve));
      Object.assign(window, { __answerDevices: answer });
      devices.getUserMedia = async (constraints) => {
        await answered;
        return real(constraints);
      };
    });
    await toDeviceCheckWithBoth(page);
    const button = page.getByRole('button', { name: 'In den Warteraum' });
    const before = await button.boundingBox();
    await expect(page.getByText('Kamera wird eingeschaltet …')).toBeVisible();

    await page.evaluate(() =>
      (window as unknown as { __answerDevices: () => void }).__answerDevices(),
    );
    await expect(
      page.getByRole('figure', { name: 'So sehen die anderen Sie' }),
    ).not.toHaveAttribute('aria-busy', 'true');
    await expect(page.getByText('Kamera wird eingeschaltet …')).toBeHidden();
    // Chromium's fake devices: one camera, three microphones, all named once allowed.
    await expect(page.getByRole('combobox', { name: 'Mikrofon' }).getByRole('option')).toHaveCount(
      3,
    );
    await expect
      .poll(() =>
        page
          .getByLabel('So sehen die anderen Sie')
          .evaluate((video: HTMLVideoElement) => video.videoWidth),
      )
      .toBeGreaterThan(0);
    expect(await button.boundingBox()).toEqual(before);
  });

  test('a camera that is refused is said in plain words, and she goes on without it', async ({
    open,
  }) => {
    const page = await open();
    // As when the phone's settings do not allow the browser the camera.
    await page.addInitScript(() => {
      const devices = navigator.mediaDevices;
      const real = devices.getUserMedia.bind(devices);
      devices.getUserMedia = async (constraints) => {
        if (constraints?.video) throw new DOMException('Permission denied', 'NotAllowedError');
        return real(constraints);
      };
    });
    await toDeviceCheckWithBoth(page);
    await expect(page.getByRole('alert')).toHaveText(
      'Die Kamera ist nicht erlaubt oder nicht vorhanden. Sie können ohne Kamera teilnehmen.',
    );
    await expect(page.getByRole('figure', { name: 'So sehen die anderen Sie' })).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Kamera' })).toHaveCount(0);
    // The microphone still works, and the way on is open.
    await expect(page.getByRole('combobox', { name: 'Mikrofon' }).getByRole('option')).toHaveCount(
      3,
    );
    await expect(page.getByRole('button', { name: 'In den Warteraum' })).toBeEnabled();
  });
});
