/**
 * Reading a V8 CPU profile (the CDP sampling profiler's result) for the bench's reports:
 * each sample with its wall-clock time and a short label of what ran.
 */

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface Profile {
  nodes: ProfileNode[];
  /** Monotonic clock, microseconds (Chromium's TimeTicks: CLOCK_MONOTONIC on Linux). */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Sample {
  /** Wall-clock milliseconds, comparable with the probe's times. */
  t: number;
  /** How long this sample stands for, ms. */
  ms: number;
  /** "outermost app function > the function itself", or `(program)`, `(garbage collector)`. */
  label: string;
  /**
   * The file of the innermost function that has one (a DOM call counts for its caller's
   * file); '' for the browser's own work, `(no file)` for scripts without one (the bench's
   * init script, Playwright's).
   */
  file: string;
}

/** The offset from the monotonic clock to the wall clock, as this process sees both now. */
export function monotonicToWallMs(): number {
  return Date.now() - Number(process.hrtime.bigint() / 1_000_000n);
}

const fileOf = (url: string) =>
  url ? (new URL(url).pathname.split('/').pop() ?? url).replace(/-[\w-]{8}\.js$/, '.js') : '';

/**
 * Every sample but idle ones, with its label. `wallOffsetMs` comes from `monotonicToWallMs`
 * taken in the bench's process: Node's `hrtime` and Chromium's profile share the clock.
 */
export function samplesOf(profile: Profile, wallOffsetMs: number): Sample[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const labels = new Map<number, { label: string; file: string }>();
  const labelOf = (id: number) => {
    const known = labels.get(id);
    if (known) return known;
    const chain: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node) chain.push(node);
    }
    const self = chain[0];
    const name = (node: ProfileNode) =>
      `${node.callFrame.functionName || '(anonymous)'}@${fileOf(node.callFrame.url)}`;
    let result = { label: '?', file: '' };
    if (self) {
      const { functionName } = self.callFrame;
      const outer = [...chain].reverse().find((node) => node.callFrame.url) ?? self;
      const inner = chain.find((node) => node.callFrame.url);
      result =
        functionName === '(program)' || functionName === '(garbage collector)'
          ? { label: functionName, file: '' }
          : {
              label: outer === self ? name(self) : `${name(outer)} > ${name(self)}`,
              file: inner ? fileOf(inner.callFrame.url) : '(no file)',
            };
    }
    labels.set(id, result);
    return result;
  };
  const samples: Sample[] = [];
  let elapsedUs = profile.startTime;
  profile.samples.forEach((id, index) => {
    const deltaUs = profile.timeDeltas[index] ?? 0;
    elapsedUs += deltaUs;
    // The first sample's delta spans the profiler's own start.
    if (index === 0 || byId.get(id)?.callFrame.functionName === '(idle)') return;
    samples.push({ t: elapsedUs / 1000 + wallOffsetMs, ms: deltaUs / 1000, ...labelOf(id) });
  });
  return samples;
}

/** The `top` labels by time, as "12 label | 8 label". */
export function mostOf(samples: Sample[], top: number, key: (sample: Sample) => string): string {
  const sums = new Map<string, number>();
  for (const sample of samples) sums.set(key(sample), (sums.get(key(sample)) ?? 0) + sample.ms);
  return [...sums]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([label, ms]) => `${Math.round(ms)} ${label || '(browser)'}`)
    .join(' | ');
}

export const busyMs = (samples: Sample[]) => samples.reduce((sum, sample) => sum + sample.ms, 0);
