/**
 * BENCH ONLY, never shipped. The diagnostic web build (scripts/bench/plain-build.ts) gives
 * the app's room factory this module instead of livekit-client: the same Room with the same
 * options, minus `encryption`, so the bench can time the very same path without end-to-end
 * encryption, in the same run. Production code has no unencrypted path; this file is not
 * reachable from src-renderer and is built only into out/bench-plain-web.
 */
import { Room as LivekitRoom, RoomEvent, TrackPublication, type RoomOptions } from 'livekit-client';

export * from 'livekit-client';

// The call core plays only tracks the server lists as encrypted (an acting server could
// inject plain ones); in this build every track is plain, so every track says it is not.
Object.defineProperty(TrackPublication.prototype, 'isEncrypted', { get: () => true });

export class Room extends LivekitRoom {
  constructor(options?: Partial<RoomOptions>) {
    const { encryption, e2ee, ...plain } = options ?? {};
    // The factory made a worker for the encryption it asked for; nothing uses it here.
    for (const asked of [encryption, e2ee])
      if (asked && 'worker' in asked) asked.worker.terminate();
    super(plain);
  }

  /**
   * The app publishes only once the local encryption reports itself active. Answer as the
   * E2EE worker would, a task later (after the factory has returned and the app listens).
   */
  override async setE2EEEnabled(enabled: boolean): Promise<void> {
    setTimeout(() => {
      this.isE2EEEnabled = enabled;
      this.emit(RoomEvent.ParticipantEncryptionStatusChanged, enabled, this.localParticipant);
    });
  }
}
