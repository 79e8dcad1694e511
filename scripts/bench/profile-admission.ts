/// <reference lib="dom" />
/**
 * `npm run bench:profile-admission`: what the guest's main thread does between the host's
 * "let in" and the host's first frame on her screen. Not a figure: a report to act on.
 *
 * The host sits in the call; for each run (`--runs`, 3) a guest in a new profile knocks
 * with camera and microphone, the CDP sampling profiler starts on her page (0.2 ms), the
 * host lets her in, and it stops at her first frame of the host's video. Printed per run:
 * the marks the admission bench notes (her call screen, "encrypted", the host's video
 * element, the first frame, her peer connection made / connected / first video packet),
 * then the main thread in 100 ms steps from the click: how many of each 100 ms it ran, and
 * what ran most, as "outermost app function > the function itself". `(program)` is the
 * browser's own work on that thread (WebRTC, style, layout), `(garbage collector)` V8's.
 */
import {
  guestKnocks,
  hostAdmits,
  hostBegins,
  hostCreatesConsultation,
  newPerson,
} from './journeys';
import {
  busyMs,
  monotonicToWallMs,
  mostOf,
  samplesOf,
  type Profile,
  type Sample,
} from './cpu-profile';
import { clickOn, nthRemoteFrame, probeState, waitForProbe } from './probe';
import { reportOption, runReport, withReportStage } from './report-stage';

const runs = Number(reportOption('runs') ?? 3);
const STEP_MS = 100;
const out = (line = '') => process.stdout.write(`${line}\n`);

/** Main-thread time per step after the click, by what ran. */
function steps(samples: Sample[], clicked: number): Map<number, Sample[]> {
  const result = new Map<number, Sample[]>();
  for (const sample of samples) {
    const step = Math.floor((sample.t - clicked) / STEP_MS) * STEP_MS;
    const inStep = result.get(step) ?? [];
    inStep.push(sample);
    result.set(step, inStep);
  }
  return result;
}

runReport(() =>
  withReportStage(async ({ appUrl, hostBrowser, guestBrowser }) => {
    const wallOffset = monotonicToWallMs();
    const host = await newPerson(hostBrowser);
    const links = await hostCreatesConsultation(host.page, appUrl, 'Profil', 12);
    await hostBegins(host.page, 'Profil', { camera: true, microphone: true });
    for (let run = 0; run < runs; run += 1) {
      const name = `Gast ${run + 1}`;
      const guest = await newPerson(guestBrowser, {
        frames: true,
        watches: [
          { key: 'callScreen', selector: '.call-controls', text: 'Verlassen' },
          { key: 'encrypted', selector: '[role=status]', text: 'Ende-zu-Ende-verschlüsselt' },
          { key: 'hostVideo', selector: '.tile:not(.tile-local) video', text: '' },
        ],
      });
      await guestKnocks(guest.page, links[run % links.length] ?? '', name, {
        camera: true,
        microphone: true,
      });
      const cdp = await guest.context.newCDPSession(guest.page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      const profileStarted = Date.now();
      await hostAdmits(host.page, name);
      const clicked = clickOn(await probeState(host.page, profileStarted), `${name} hereinlassen`);
      if (clicked === undefined) throw new Error('the click on "let in" was not seen');
      const first = await waitForProbe(guest.page, (state) => nthRemoteFrame(state, clicked, 1), {
        timeoutMs: 30_000,
        what: "the host's first frame at the guest",
        since: clicked,
      });
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      const seen = await probeState(guest.page, clicked);
      const at = (t: number | undefined) =>
        t === undefined ? '–' : String(Math.round(t - clicked));
      const connections = seen.peerConnections
        .filter((pc) => pc.created >= clicked)
        .map((pc) => `${at(pc.created)}/${at(pc.connected)}/${at(pc.firstVideoPacket)}`)
        .join(', ');
      out(
        `\n# run ${run + 1}: call screen ${at(seen.marks.callScreen)}, "encrypted" ` +
          `${at(seen.marks.encrypted)}, the host's video element ${at(seen.marks.hostVideo)}, ` +
          `first frame ${at(first)} ms after "let in"; peer connection made/up/first video ` +
          `packet ${connections || 'before the click'}`,
      );
      for (const [step, work] of [...steps(samplesOf(profile, wallOffset), clicked)].sort(
        (a, b) => a[0] - b[0],
      )) {
        if (step < 0 || step > first - clicked) continue;
        const busy = busyMs(work);
        const most = mostOf(work, 3, (sample) => sample.label);
        out(
          `${String(step).padStart(5)} ms: busy ${String(Math.round(busy)).padStart(3)} ms; ${most}`,
        );
      }
      await guest.context.close();
    }
  }),
);
