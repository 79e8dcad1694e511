/**
 * The bench's small framework: a figure group measures one or more figures in the same
 * runs and records a value per run; the runner prints each figure as
 *
 *   admit_to_first_frame_ms: 584 ms (n=20)
 *     p90 1275 ms; runs: 612 655 …
 *
 * so that a two-valued figure shows in the runs, not only in the median. Figures are
 * printed, never gated.
 */

export interface FigureSpec {
  name: string;
  unit: string;
  /** Decimals to print (0 for milliseconds). */
  digits?: number;
  /** Counts (freezes): also print the total over all runs. */
  total?: boolean;
}

export interface FigureResult {
  spec: FigureSpec;
  values: number[];
  failures: string[];
  notes: string[];
}

/** What a group may record: a value per run, a failed run (with its reason), a note. */
export interface Recorder {
  value(figure: string, value: number): void;
  failed(figure: string, reason: string): void;
  note(figure: string, text: string): void;
}

export interface FigureGroup<Context> {
  /** A few words for the progress lines. */
  title: string;
  figures: readonly FigureSpec[];
  /** `wants` says which of its figures were asked for, so a group can skip work. */
  measure(context: Context, record: Recorder, wants: (figure: string) => boolean): Promise<void>;
}

/** Median: the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/** Nearest-rank percentile: the smallest value with at least `p` % of the runs at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

function format(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

/** The two lines (and any notes) for one figure. */
export function formatFigure(result: FigureResult): string[] {
  const { spec, values, failures, notes } = result;
  const digits = spec.digits ?? 0;
  const lines = [
    `${spec.name}: ${format(median(values), digits)} ${spec.unit} (n=${values.length})`,
  ];
  const details = [`p90 ${format(percentile(values, 90), digits)} ${spec.unit}`];
  if (spec.total)
    details.push(
      `total ${format(
        values.reduce((sum, v) => sum + v, 0),
        digits,
      )} ${spec.unit}`,
    );
  details.push(`runs: ${values.map((v) => format(v, digits)).join(' ')}`);
  lines.push(`  ${details.join('; ')}`);
  if (failures.length > 0) {
    const reasons = [...new Set(failures)].join('; ');
    lines.push(`  failed runs: ${failures.length} (${reasons})`);
  }
  for (const note of notes) lines.push(`  ${note}`);
  return lines;
}

export interface BenchOptions {
  /** Runs per figure (each figure ≥ 20 by default). */
  runs: number;
  /** Only these figures (and whatever their group measures alongside); empty: all. */
  only: string[];
  /** Length of the 1:1 call for the CPU and freeze figures. */
  callSeconds: number;
  /** Encrypted and plain admissions alternate in blocks of this many runs. */
  block: number;
  /**
   * The codec the Meet yardstick sends: VP8, as Meet does with E2EE, or H.264, as the app
   * does where the browser can (the same work, codec and all).
   */
  meetCodec: MeetCodec;
  /**
   * How the yardstick's people come into the call: through Meet's preview (`prejoin`, its
   * room page, as the app's people come through its device check) or straight in
   * (`direct`, its page for a token of your own).
   */
  meetWay: MeetWay;
}

export const MEET_CODECS = ['vp8', 'h264'] as const;
export type MeetCodec = (typeof MEET_CODECS)[number];
export const MEET_WAYS = ['prejoin', 'direct'] as const;
export type MeetWay = (typeof MEET_WAYS)[number];

export const defaultOptions: BenchOptions = {
  runs: 20,
  only: [],
  callSeconds: 60,
  block: 5,
  meetCodec: 'vp8',
  meetWay: 'direct',
};

export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}

/**
 * `npm run bench -- [figure …] [--runs=N] [--call-seconds=S] [--block=B]
 * [--meet-codec=vp8|h264] [--meet-way=prejoin|direct]`; BENCH_RUNS sets the runs too.
 */
export function parseOptions(
  argv: readonly string[],
  known: readonly string[],
  env: Record<string, string | undefined> = {},
): BenchOptions {
  const options: BenchOptions = { ...defaultOptions, only: [] };
  const positive = (flag: string, raw: string | undefined): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new BenchUsageError(`${flag} needs a whole number above 0, not "${raw ?? ''}"`);
    return value;
  };
  if (env.BENCH_RUNS) options.runs = positive('BENCH_RUNS', env.BENCH_RUNS);
  for (const arg of argv) {
    const [flag, raw] = arg.split('=', 2);
    if (flag === '--runs') options.runs = positive('--runs', raw);
    else if (flag === '--call-seconds') options.callSeconds = positive('--call-seconds', raw);
    else if (flag === '--block') options.block = positive('--block', raw);
    else if (flag === '--meet-codec') options.meetCodec = meetCodec(raw);
    else if (flag === '--meet-way') options.meetWay = meetWay(raw);
    else if (arg.startsWith('-')) throw new BenchUsageError(`unknown option ${arg}`);
    else if (!known.includes(arg))
      throw new BenchUsageError(`unknown figure ${arg}; known: ${known.join(', ')}`);
    else options.only.push(arg);
  }
  return options;
}

/** A flag's value, one of those it knows; anything else is a usage error that names them. */
function oneOf<Value extends string>(
  flag: string,
  values: readonly Value[],
  raw: string | undefined,
): Value {
  const value = values.find((known) => known === raw);
  if (!value)
    throw new BenchUsageError(`${flag} is one of ${values.join(', ')}, not "${raw ?? ''}"`);
  return value;
}

/** The yardstick's codec from `--meet-codec`'s value; also for the memory reports. */
export const meetCodec = (raw: string | undefined): MeetCodec =>
  oneOf('--meet-codec', MEET_CODECS, raw);

/** How the yardstick's people come in, from `--meet-way`'s value; also for the memory reports. */
export const meetWay = (raw: string | undefined): MeetWay => oneOf('--meet-way', MEET_WAYS, raw);

/** Runs the groups that measure at least one selected figure; prints as each group ends. */
export async function runGroups<Context>(
  groups: readonly FigureGroup<Context>[],
  context: Context,
  options: BenchOptions,
  out: (line: string) => void,
  progress: (line: string) => void,
  /** After each group, whether it ended or broke down: what it left open is closed. */
  afterGroup: () => Promise<void> = async () => {},
): Promise<FigureResult[]> {
  const wanted = (name: string) => options.only.length === 0 || options.only.includes(name);
  const all: FigureResult[] = [];
  for (const group of groups) {
    const chosen = group.figures.filter((figure) => wanted(figure.name));
    if (chosen.length === 0) continue;
    const results = new Map<string, FigureResult>(
      group.figures.map((spec) => [spec.name, { spec, values: [], failures: [], notes: [] }]),
    );
    const of = (figure: string): FigureResult => {
      const result = results.get(figure);
      if (!result) throw new Error(`${group.title} recorded ${figure}, which it does not declare`);
      return result;
    };
    const record: Recorder = {
      value: (figure, value) => void of(figure).values.push(value),
      failed: (figure, reason) => void of(figure).failures.push(reason),
      note: (figure, text) => void of(figure).notes.push(text),
    };
    progress(`${group.title} …`);
    const started = Date.now();
    try {
      await group.measure(context, record, wanted);
    } catch (error) {
      // A group that breaks down still prints what it measured, and the others run.
      out(`# ${group.title}: stopped early: ${error instanceof Error ? error.message : error}`);
    } finally {
      await afterGroup();
    }
    progress(`${group.title}: ${Math.round((Date.now() - started) / 1000)} s`);
    // What the group measured on the way is printed too: it is in the same runs.
    for (const spec of group.figures) {
      const result = of(spec.name);
      if (!chosen.includes(spec) && result.values.length === 0) continue;
      formatFigure(result).forEach((line) => out(line));
      all.push(result);
    }
  }
  return all;
}
