/**
 * Invites for a team: a local name per link, a link withdrawn (asked first, for good), a QR
 * code, and when the links end, in the words the host chose them in.
 */
import {
  appUrl,
  consultationItems,
  expect,
  guestStepsIn,
  hostBegins,
  hostCreatesConsultation,
  hostTab,
  test,
} from './helpers';

test('a link gets a local name, another is withdrawn and keeps its guest out', async ({ open }) => {
  const host = await open();
  const label = 'Teamrunde Nord';
  const [, second] = await hostCreatesConsultation(host, label, 2);
  const item = consultationItems(host, label).first();
  await expect(item).toContainText(/Links gültig (heute|morgen) bis \d\d:\d\d Uhr/);

  // A name that stays on this machine.
  await item.getByRole('button', { name: 'Einladung 1 einen Namen geben' }).click();
  await item.getByLabel('Name für Einladung 1').fill('Herr K.');
  await item.getByRole('button', { name: 'Speichern' }).click();
  await expect(item).toContainText('Herr K.');
  expect(await item.getByLabel('Link für Einladung 1', { exact: true }).inputValue()).not.toContain(
    'Herr',
  );

  // A QR code for a phone's camera (the button in the first link's own row: while the
  // name editor closes, the first "QR-Code zeigen" in the list can be the second link's).
  await item
    .getByRole('listitem')
    .filter({ has: host.getByLabel('Link für Einladung 1', { exact: true }) })
    .getByRole('button', { name: 'QR-Code zeigen' })
    .click();
  await expect(item.getByRole('img', { name: 'QR-Code für Einladung 1' })).toBeVisible();

  // The second link, withdrawn: asked first, "Abbrechen" focused.
  await item.getByRole('button', { name: 'Link für Einladung 2 sperren' }).click();
  const question = item.getByRole('group', { name: /Wirklich den Link für Einladung 2 sperren/ });
  await expect(question.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await question.getByRole('button', { name: 'Ja, Link sperren' }).click();
  await expect(item).toContainText('Gesperrt: Mit diesem Link kommt niemand mehr herein.');

  // Whoever comes with it is told plainly and never listed.
  await hostBegins(host, label);
  const guest = await open();
  await guestStepsIn(guest, second ?? '', 'Zoe');
  await expect(guest.getByRole('heading', { name: 'Dieser Link gilt nicht mehr' })).toBeVisible({
    timeout: 30_000,
  });
  await hostTab(host, 'Warteraum');
  await expect(host.getByRole('button', { name: 'Zoe hereinlassen' })).toHaveCount(0);
});

test('the number of links takes digits only, and a number out of range creates nothing', async ({
  open,
}) => {
  const host = await open();
  await host.goto(appUrl());
  const label = `Anzahl ${Date.now()}`;
  await host.getByLabel('Bezeichnung (nur auf diesem Rechner)').fill(label);
  // A text field with the number keypad, not type="number" (app/whole-number.ts says why).
  const count = host.getByLabel('Anzahl der Einladungen');
  await expect(count).toHaveAttribute('inputmode', 'numeric');
  await count.fill('1e3');
  await expect(count).toHaveValue('13');
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  await host.getByRole('button', { name: 'Beratung anlegen' }).click();
  await expect(count).toBeFocused();
  await expect(count).toHaveAccessibleDescription(/^Bitte eine ganze Zahl von 1 bis 12 eingeben\./);
  await expect(consultationItems(host, label)).toHaveCount(0);

  await count.press('ArrowDown');
  await expect(count).toHaveValue('12');
  await count.fill('2');
  await expect(count).not.toHaveAttribute('aria-invalid');
  await host.getByRole('button', { name: 'Beratung anlegen' }).click();
  const item = consultationItems(host, label);
  await expect(item).toHaveCount(1);
  await expect(item.getByLabel('Link für Einladung 2', { exact: true })).toBeVisible();
});

test('a consultation made before shows its links on demand; one made now shows them at once', async ({
  open,
}) => {
  const host = await open();
  const label = `Später ${Date.now()}`;
  const [link] = await hostCreatesConsultation(host, label, 2);
  const item = consultationItems(host, label);
  const toggle = item.getByRole('button', { name: '2 Einladungslinks' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  // Opened again later (a reload stands in for the next morning): the links wait.
  await host.reload();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(item.getByLabel('Link für Einladung 1', { exact: true })).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(item.getByLabel('Link für Einladung 1', { exact: true })).toHaveValue(link ?? '');
  await toggle.click();
  await expect(item.getByLabel('Link für Einladung 1', { exact: true })).toHaveCount(0);
});
