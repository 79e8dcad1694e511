/**
 * Switches for the desktop app's own Chromium, appended before the app is ready. The host's
 * window is the one place where the app chooses the browser its camera is encoded in;
 * guests' browsers keep their defaults.
 *
 * - **A key frame when the server asks for one.** Chromium's WebRTC sender answers at most
 *   one key-frame request every 300 ms and drops the rest (`EncoderRtcpFeedback`,
 *   `kMinKeyframeSendIntervalMs`). When someone new subscribes to the host's camera,
 *   LiveKit asks for a key frame itself; if the newcomer's page then loses that frame, her
 *   own request follows 85 to 95 ms later and was dropped, so her first picture waited for
 *   the server's next try, 0.5 to 0.7 s after "let in" (README, "the host's camera answers
 *   a key-frame request sooner"). The server already passes requests on at most once per
 *   layer every 50 ms (`pli_throttle`, scripts/local-livekit.ts), so the sender need not
 *   hold back as long: 60 ms, through WebRTC's own field trial for it.
 */
import type { CommandLine } from 'electron';

export const CHROMIUM_SWITCHES: readonly (readonly [name: string, value: string])[] = [
  ['force-fieldtrials', 'WebRTC-KeyframeInterval/min_keyframe_send_interval_ms:60/'],
];

export function appendChromiumSwitches(commandLine: Pick<CommandLine, 'appendSwitch'>): void {
  for (const [name, value] of CHROMIUM_SWITCHES) commandLine.appendSwitch(name, value);
}

/** The same switches as command-line arguments, for a Chromium standing in for the window. */
export function chromiumSwitchArgs(): string[] {
  return CHROMIUM_SWITCHES.map(([name, value]) => `--${name}=${value}`);
}
