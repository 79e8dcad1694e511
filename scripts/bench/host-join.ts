/**
 * The host joins a call in which a guest already sits with camera and microphone on:
 *
 *   join_click_to_connected_ms    click on "Gespräch beitreten" → the first peer connection
 *                                 the page opened after the click reports `connected`
 *                                 (ICE and DTLS up: LiveKit's room is connected then)
 *   join_click_to_first_frame_ms  the same click → the host's page shows the guest's first
 *                                 video frame
 *
 * Each run starts at the consultations list: "Beratung beginnen", the device check with
 * camera and microphone ticked, then the timed click; the host leaves again after it.
 */
import type { BenchContext } from './context';
import type { FigureGroup } from './framework';
import {
  guestKnocks,
  hostAdmits,
  hostBegins,
  hostCreatesConsultation,
  hostLeaves,
  hostOpensDeviceCheck,
  newPerson,
  waitUntilEncrypted,
} from './journeys';
import { clickOn, nthRemoteFrame, probeState, waitForProbe } from './probe';

const LABEL = 'Host kommt dazu';

export const hostJoin: FigureGroup<BenchContext> = {
  title: 'the host joins a call with a guest in it',
  figures: [
    { name: 'join_click_to_connected_ms', unit: 'ms' },
    { name: 'join_click_to_first_frame_ms', unit: 'ms' },
  ],
  async measure(bench, record) {
    const app = await bench.app('encrypted');
    const host = await newPerson(await bench.launch({ desktop: true }));
    const guest = await newPerson(await bench.launch(), { frames: false, watches: [] });
    const [link = ''] = await hostCreatesConsultation(host.page, app.appUrl, LABEL, 1);
    // The guest is let in once, and stays in the call while the host goes and comes back.
    await hostBegins(host.page, LABEL, { camera: false, microphone: false });
    await guestKnocks(guest.page, link, 'Gast', { camera: true, microphone: true });
    await hostAdmits(host.page, 'Gast');
    await waitUntilEncrypted(guest.page);
    await hostLeaves(host.page);

    let failedInARow = 0;
    for (let run = 0; run < bench.options.runs; run += 1) {
      bench.progress(`  host joins ${run + 1}/${bench.options.runs}`);
      try {
        await hostOpensDeviceCheck(host.page, LABEL, { camera: true, microphone: true });
        const since = Date.now();
        await host.page.getByRole('button', { name: 'Gespräch beitreten' }).click();
        const clicked = clickOn(await probeState(host.page, since), 'Gespräch beitreten');
        if (clicked === undefined) throw new Error('the click on "join" was not seen');
        const connected = await waitForProbe(
          host.page,
          (state) =>
            state.peerConnections
              .filter((pc) => pc.created >= clicked && pc.connected !== undefined)
              .map((pc) => pc.connected ?? Number.NaN)
              .sort((a, b) => a - b)[0],
          { timeoutMs: 30_000, what: 'a connected peer connection', since: clicked },
        );
        const firstFrame = await waitForProbe(
          host.page,
          (state) => nthRemoteFrame(state, clicked, 1),
          { timeoutMs: 30_000, what: "the guest's first frame at the host", since: clicked },
        );
        record.value('join_click_to_connected_ms', connected - clicked);
        record.value('join_click_to_first_frame_ms', firstFrame - clicked);
        failedInARow = 0;
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        for (const figure of hostJoin.figures) record.failed(figure.name, reason ?? 'failed');
        failedInARow += 1;
        if (failedInARow >= 3)
          throw new Error(`three joins in a row failed: ${reason}`, { cause: error });
      }
      // After a failed run the host may be anywhere: start again from the list.
      await hostLeaves(host.page).catch(() => host.page.goto(app.appUrl));
    }
    await Promise.all([host.context.close(), guest.context.close()]);
  },
};
