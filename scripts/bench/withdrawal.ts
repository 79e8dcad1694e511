/**
 * Withdrawing the camera in a 1:1 call (both with camera and microphone on):
 *
 *   withdraw_to_server_ms      the guest clicks "Kamera ausschalten" → the server's
 *                              RoomService lists none of the guest's camera tracks unmuted
 *                              (unpublished, or muted: either way the server stops
 *                              forwarding it); polled every 10 ms
 *   withdraw_to_last_frame_ms  the same click → the last frame of the guest's camera the
 *                              host's page shows (0 when the last one was shown before the
 *                              click); frames are followed for a second after the server
 *                              saw the change
 *
 * Between runs the guest turns the camera on again and the host sees it for a while.
 */
import { TrackSource, type RoomServiceClient } from 'livekit-server-sdk';
import type { BenchContext } from './context';
import type { FigureGroup } from './framework';
import { oneToOneCall } from './journeys';
import { clickOn, probeState, remoteFramesAfter, waitForProbe } from './probe';

/** Camera tracks the server forwards now (not muted). */
async function liveCameras(rooms: RoomServiceClient, room: string): Promise<Set<string>> {
  const participants = await rooms.listParticipants(room);
  return new Set(
    participants.flatMap((participant) =>
      participant.tracks
        .filter((track) => track.source === TrackSource.CAMERA && !track.muted)
        .map((track) => track.sid),
    ),
  );
}

const settle = (ms: number) => new Promise((done) => setTimeout(done, ms));

export const withdrawal: FigureGroup<BenchContext> = {
  title: 'camera withdrawal',
  figures: [
    { name: 'withdraw_to_server_ms', unit: 'ms' },
    { name: 'withdraw_to_last_frame_ms', unit: 'ms' },
  ],
  async measure(bench, record) {
    const app = await bench.app('encrypted');
    const { host, guest, callRoom } = await oneToOneCall(
      await bench.launch({ desktop: true }),
      await bench.launch(),
      app.appUrl,
      'Rückzug',
      { frames: true, watches: [] },
    );
    const cameraOff = guest.page.getByRole('button', { name: 'Kamera ausschalten', exact: true });
    const cameraOn = guest.page.getByRole('button', { name: 'Kamera einschalten', exact: true });

    for (let run = 0; run < bench.options.runs; run += 1) {
      bench.progress(`  withdrawal ${run + 1}/${bench.options.runs}`);
      try {
        // The host has been showing the guest's camera for a while.
        const flowing = Date.now();
        await waitForProbe(
          host.page,
          (state) => (remoteFramesAfter(state, flowing).length >= 10 ? true : undefined),
          { timeoutMs: 30_000, what: "the guest's camera at the host", since: flowing },
        );
        const before = await liveCameras(bench.roomService, callRoom);
        const since = Date.now();
        // Polled from before the click: Playwright's click() returns 60–280 ms after the
        // page saw it on this machine, and the server is often done by then.
        const serverSees = (async () => {
          while (Date.now() - since < 10_000) {
            const now = await liveCameras(bench.roomService, callRoom);
            if ([...before].some((sid) => !now.has(sid))) return Date.now();
            await settle(10);
          }
          return undefined;
        })();
        await cameraOff.click();
        const serverSaw = await serverSees;
        const clicked = clickOn(await probeState(guest.page, since), 'Kamera ausschalten');
        if (clicked === undefined) throw new Error('the click on "camera off" was not seen');
        if (serverSaw === undefined) throw new Error('the server kept the camera for 10 s');
        await settle(1000);
        const frames = remoteFramesAfter(await probeState(host.page, since - 1000), since - 1000);
        const last = Math.max(...frames.map((frame) => frame.t));
        record.value('withdraw_to_server_ms', serverSaw - clicked);
        record.value('withdraw_to_last_frame_ms', Math.max(0, last - clicked));
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        for (const figure of withdrawal.figures) record.failed(figure.name, reason ?? 'failed');
      }
      await cameraOn.click({ timeout: 10_000 }).catch(() => {});
    }
    await Promise.all([host.context.close(), guest.context.close()]);
  },
};
