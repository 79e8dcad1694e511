/**
 * How every test and benchmark starts Debian's Chromium: fake camera and microphone
 * (small, slow video: two cores run every page), no background requests to Google, no
 * browser download ever.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream=fps=15',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

/** The same, with the fake camera at `fps` frames a second (the call benches' equal work). */
export function chromiumArgsWithCameraAt(fps: number): string[] {
  return chromiumArgs.map((arg) =>
    arg.startsWith('--use-fake-device-for-media-stream')
      ? `--use-fake-device-for-media-stream=fps=${fps}`
      : arg,
  );
}
