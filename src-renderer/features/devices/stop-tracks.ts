import type { MediaConsent } from '../call/useCallSession';

/**
 * Stops tracks handed over from the device check once that person is done with them
 * (declined, left, the call over): a camera must never stay on behind a screen that no
 * longer uses it. Types only, so the guest page's first load does not pull in LiveKit.
 */
export function stopTracks(tracks: MediaConsent['tracks']): void {
  tracks?.camera?.track.stop();
  tracks?.microphone?.track.stop();
}
