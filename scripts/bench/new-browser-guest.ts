/**
 * The guest's way in a browser started for her alone. The admission group's guests share
 * one browser, so from its second run on they find its audio service, its GPU process and
 * its network service running; a guest who opens her link in a browser that has not yet
 * played a sound or used a microphone does not:
 *
 *   guest_link_to_waiting_new_browser_ms  link → "Sie werden gleich hereingebeten."
 *   guest_way_longest_task_ms             the longest task on her page's main thread on
 *                                         that way: the longest a click or a key press of
 *                                         hers would have waited
 *
 * The same guest as the admission group's (camera and microphone, each step in the frame
 * its control is usable, see `quickGuest`), with the host in the call with camera and
 * microphone. She is not let in: her browser closes in the waiting room, which tells the
 * host she left.
 */
import type { BenchContext } from './context';
import type { FigureGroup } from './framework';
import { quickGuest } from './admission';
import { hostBegins, hostCreatesConsultation, newPerson } from './journeys';
import { longestTask, probeState, waitForProbe, type ProbeState } from './probe';

const LABEL = 'Neuer Browser';
const INVITES = 12;

export const newBrowserGuest: FigureGroup<BenchContext> = {
  title: "the guest's way into the waiting room, in a newly started browser",
  figures: [
    { name: 'guest_link_to_waiting_new_browser_ms', unit: 'ms' },
    { name: 'guest_way_longest_task_ms', unit: 'ms' },
  ],
  async measure(bench, record) {
    const app = await bench.app('encrypted');
    const host = await newPerson(await bench.launch({ desktop: true }));
    const links = await hostCreatesConsultation(host.page, app.appUrl, LABEL, INVITES);
    await hostBegins(host.page, LABEL, { camera: true, microphone: true });
    let failedInARow = 0;
    for (let run = 0; run < bench.options.runs; run += 1) {
      bench.progress(`  new browser guest ${run + 1}/${bench.options.runs}`);
      const browser = await bench.launch();
      try {
        const guest = await newPerson(browser, { frames: false, ...quickGuest(`Gast ${run + 1}`) });
        await guest.page.goto(links[run % links.length] ?? '');
        const waiting = await waitForProbe(guest.page, (state) => state.marks.waiting, {
          timeoutMs: 30_000,
          what: 'the waiting room in the probe',
        });
        const state = await probeState(guest.page);
        record.value('guest_link_to_waiting_new_browser_ms', waiting - state.origin);
        const onTheWay = state.longTasks.filter((task) => task.t < waiting);
        const longest = longestTask(state, waiting);
        record.value('guest_way_longest_task_ms', longest.duration);
        record.note(
          'guest_way_longest_task_ms',
          `run ${run + 1}: ${Math.round(longest.duration)} ms ${stepAt(state, longest.t)}; ` +
            `${onTheWay.length} tasks of 50 ms and more, ` +
            `${Math.round(onTheWay.reduce((sum, task) => sum + task.duration, 0))} ms in all`,
        );
        failedInARow = 0;
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        for (const figure of this.figures) record.failed(figure.name, reason ?? 'failed');
        failedInARow += 1;
        if (failedInARow >= 3)
          throw new Error(`three runs in a row failed: ${reason}`, { cause: error });
      } finally {
        await browser.close();
      }
    }
  },
};

/** Which screen she was on when a task began, by the probe's marks. */
function stepAt(state: ProbeState, t: number): string {
  const { welcome, name, devices } = state.marks;
  if (welcome === undefined || t < welcome) return 'before the welcome was usable';
  if (name === undefined || t < name) return 'after "Einverstanden"';
  if (devices === undefined || t < devices) return 'after her name';
  return 'on the device check or after the knock';
}
