/**
 * Removing a consultation or deleting saved outcomes cannot be undone, so each asks first:
 * "Abbrechen" has the focus and keeps everything; only "Ja, …" removes.
 */
import { randomBytes } from 'node:crypto';
import { expect, hostApi, hostCreatesConsultation, test } from './helpers';

test('removing a consultation and deleting outcomes each ask first; cancelling keeps them', async ({
  open,
}) => {
  const host = await open();
  const label = `Löschen fragt ${randomBytes(3).toString('hex')}`;
  await hostCreatesConsultation(host, label);
  const id = randomBytes(16).toString('base64url').slice(0, 22);
  const now = Math.floor(Date.now() / 1000);
  await hostApi(host, 'notes:save', {
    id,
    label,
    template: 'one-to-one',
    createdAt: now,
    updatedAt: now,
    goals: ['Haushaltsbuch führen'],
    steps: [],
    nextAppointment: '',
    freeText: '',
    keep: false,
    confirmation: null,
  });
  await host.reload();

  // The consultation.
  const remove = host.getByRole('button', { name: `Beratung „${label}“ entfernen` });
  await remove.click();
  const question = host.getByRole('group', { name: `Beratung „${label}“ wirklich entfernen?` });
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await question.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(question).toHaveCount(0);
  await expect(remove).toBeFocused();
  await expect(host.getByRole('heading', { name: label, level: 3 })).toHaveCount(2);

  // The saved outcomes.
  const del = host.getByRole('button', { name: `Ergebnisse „${label}“ löschen` });
  await del.click();
  const ask = host.getByRole('group', { name: /wirklich löschen/ });
  await expect(ask).toContainText(label);
  await expect(ask.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await ask.getByRole('button', { name: 'Abbrechen' }).click();
  const listed = async () =>
    (await hostApi<{ notes: { id: string }[] }>(host, 'notes:list', {})).notes.some(
      (n) => n.id === id,
    );
  expect(await listed()).toBe(true);
  await del.click();
  await host.getByRole('button', { name: 'Ja, löschen' }).click();
  await expect(del).toHaveCount(0);
  expect(await listed()).toBe(false);

  await remove.click();
  await host.getByRole('button', { name: 'Ja, entfernen' }).click();
  await expect(remove).toHaveCount(0);
});
