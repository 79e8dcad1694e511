import { RoomServiceClient } from 'livekit-server-sdk';
import {
  consultationOf,
  expect,
  framesShown,
  guestKnocks,
  hostAdmits,
  hostBegins,
  hostCreatesConsultation,
  hostTab,
  identityIn,
  mediaFrom,
  openProbe,
  operatorToken,
  safetyCode,
  serverApi,
  test,
} from './helpers';

test('sent back, a guest is locked out: back with the old token and key, they are removed again and decode nothing, and nobody decodes them', async ({
  open,
}) => {
  // Three people and a probe on two cores: more time than the default, never a tight limit.
  test.slow();
  const server = serverApi();
  const client = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
  const host = await open();
  const [first, second] = await hostCreatesConsultation(host, 'Gruppe Mittwoch', 2);
  await hostBegins(host, 'Gruppe Mittwoch');
  const stays = await open();
  await guestKnocks(stays, first ?? '', 'Bleibt');
  await hostAdmits(host, 'Bleibt');
  const leaves = await open();
  await guestKnocks(leaves, second ?? '', 'Geht');
  await hostAdmits(host, 'Geht');
  // The first picture is not what this test is about: on two busy cores, with four pages
  // in calls, it once took longer than 20 s (the tile stayed black). A generous ceiling.
  await expect(leaves.getByLabel('Video: Frau Berger')).toBeVisible({ timeout: 60_000 });
  await expect(stays.getByLabel('Video: Frau Berger')).toBeVisible({ timeout: 60_000 });

  // What the guest who will be sent out holds: her identity in the call, a token with the
  // call's powers for it (the server renews hers for 10 minutes; she connected with the
  // powerless one of her door, so the test mints its equal), and the call's key.
  const consultation = await consultationOf(host, 'Gruppe Mittwoch');
  const oldKey = consultation.callKey;
  const { identity } = await identityIn(leaves, consultation.callRoom);
  const token = await operatorToken(consultation.callRoom, identity);
  const codeBefore = await safetyCode(stays);
  expect(await safetyCode(host)).toBe(codeBefore);

  await hostTab(host, 'Im Gespräch');
  await host.getByRole('button', { name: 'Geht in den Warteraum schicken' }).click();
  await expect(leaves.getByText('Sie wurden in den Warteraum zurückgeschickt.')).toBeVisible();
  // Back in the waiting room, knocking again.
  await hostTab(host, 'Warteraum');
  await expect(host.getByRole('button', { name: 'Geht hereinlassen' })).toBeVisible();
  await leaves.close();

  // Everyone who stays moved to a new key, and both sides show the same new safety code.
  await expect.poll(() => safetyCode(stays)).not.toBe(codeBefore);
  await expect.poll(() => safetyCode(host)).toBe(await safetyCode(stays));
  const before = await framesShown(stays, 'Video: Frau Berger');
  await expect.poll(() => framesShown(stays, 'Video: Frau Berger')).toBeGreaterThan(before + 30);

  // At once, the way back in without the app: the old token and the old key.
  const stale = await openProbe(open);
  await stale.evaluate(
    async (options) => {
      try {
        await window.probe.join(options);
        await window.probe.publishCamera();
      } catch {
        // Removed while still joining: that is the point.
      }
    },
    { serverUrl: server.url, token, key: oldKey },
  );
  // The host's app removes them again (a generous ceiling: on the busy two-core machine the
  // default 20 s once ran out)…
  await expect
    .poll(async () => (await stale.evaluate(() => window.probe.state())).removed, {
      timeout: 60_000,
    })
    .toBe(true);
  await expect
    .poll(
      async () =>
        (await client.listParticipants(consultation.callRoom)).some((p) => p.identity === identity),
      { timeout: 60_000 },
    )
    .toBe(false);
  // …they decoded nothing of the others…
  expect((await stale.evaluate(() => window.probe.state())).framesDecoded).toBe(0);
  // …and nobody who stayed decoded them, or even took their tracks.
  const sids = (await client.listParticipants(consultation.callRoom)).map((p) => p.sid);
  expect(sids.length).toBeGreaterThan(0);
  for (const page of [host, stays]) {
    const remotes = await page.evaluate(() =>
      window.__remoteTracks.flatMap((entry) => entry.streams.map((s) => s.split('|')[0])),
    );
    for (const sid of new Set(remotes)) {
      if (sids.includes(sid ?? '')) continue;
      // A track of someone no longer in the room: the one sent out, before or after.
      expect((await mediaFrom(page, sid ?? '')).framesDecoded, 'frames of the one sent out').toBe(
        0,
      );
    }
  }
  // The call goes on for those who stay.
  const later = await framesShown(stays, 'Video: Frau Berger');
  await expect.poll(() => framesShown(stays, 'Video: Frau Berger')).toBeGreaterThan(later + 10);
});

test('the host’s window reloads and goes on with the current key, still keeping out who was sent back', async ({
  open,
}) => {
  test.slow();
  const server = serverApi();
  const host = await open();
  const [first, second] = await hostCreatesConsultation(host, 'Neu geladen', 2);
  await hostBegins(host, 'Neu geladen');
  const stays = await open();
  await guestKnocks(stays, first ?? '', 'Bleibt');
  await hostAdmits(host, 'Bleibt');
  const leaves = await open();
  await guestKnocks(leaves, second ?? '', 'Geht');
  await hostAdmits(host, 'Geht');
  await expect(leaves.getByLabel('Video: Frau Berger')).toBeVisible();
  const consultation = await consultationOf(host, 'Neu geladen');
  const { identity } = await identityIn(leaves, consultation.callRoom);
  const codeBefore = await safetyCode(stays);
  await hostTab(host, 'Im Gespräch');
  await host.getByRole('button', { name: 'Geht in den Warteraum schicken' }).click();
  await expect(leaves.getByText('Sie wurden in den Warteraum zurückgeschickt.')).toBeVisible();
  await leaves.close();
  await expect.poll(async () => (await consultationOf(host, 'Neu geladen')).keyIndex).toBe(1);
  // The key change reaches her a moment later (on two busy cores, after the host's first
  // frames under the new key): her safety code changes then.
  await expect.poll(() => safetyCode(stays)).not.toBe(codeBefore);
  const code = await safetyCode(stays);

  // The host's window reloads and begins again: the guest who stayed still sees and hears
  // the host, on the key after the change (the same safety code).
  await host.reload();
  await hostBegins(host, 'Neu geladen');
  await expect(stays.getByLabel('Video: Frau Berger')).toBeVisible();
  await expect.poll(() => safetyCode(host)).toBe(code);
  const frames = await framesShown(stays, 'Video: Frau Berger');
  await expect.poll(() => framesShown(stays, 'Video: Frau Berger')).toBeGreaterThan(frames + 10);

  // And the one sent out, back under the same identity (a token the operator made, since an
  // entry token is long expired by now), is removed again by the reloaded app.
  const token = await operatorToken(consultation.callRoom, identity);
  const stale = await openProbe(open);
  await stale.evaluate(
    async (options) => {
      try {
        await window.probe.join(options);
      } catch {
        // Removed while still joining.
      }
    },
    { serverUrl: server.url, token, key: consultation.callKey },
  );
  await expect
    .poll(async () => (await stale.evaluate(() => window.probe.state())).removed)
    .toBe(true);
});
