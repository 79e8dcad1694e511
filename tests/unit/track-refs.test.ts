/** The pictures and sounds the call screen lists from a room (livekit/track-refs.ts). */
import { Track, type Room } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import { listTracks } from '../../src-renderer/livekit/track-refs';

const person = (identity: string, ...sources: Track.Source[]) => ({
  identity,
  trackPublications: new Map(
    sources.map((source, index) => [
      `${identity}-${index}`,
      { source, trackSid: `${identity}-${index}` },
    ]),
  ),
});

// Only what listTracks reads of a Room.
const room = (local: ReturnType<typeof person>, ...others: ReturnType<typeof person>[]) =>
  ({
    localParticipant: local,
    remoteParticipants: new Map(others.map((other) => [other.identity, other])),
  }) as unknown as Room;

const shown = (list: ReturnType<typeof listTracks>) =>
  list.map(
    (ref) => `${ref.participant.identity}:${ref.source}:${ref.publication?.trackSid ?? '-'}`,
  );

describe('listTracks', () => {
  it('lists me first, then the others, each source in the order asked', () => {
    const call = room(
      person('me', Track.Source.Camera, Track.Source.Microphone),
      person('maria', Track.Source.Microphone, Track.Source.ScreenShare, Track.Source.Camera),
    );
    const list = listTracks(call, [
      { source: Track.Source.ScreenShare },
      { source: Track.Source.Camera, placeholder: true },
    ]);
    expect(shown(list)).toEqual([
      'me:camera:me-0',
      'maria:screen_share:maria-1',
      'maria:camera:maria-2',
    ]);
  });

  it('gives a person without a camera a placeholder where asked, and nothing where not', () => {
    const call = room(person('me'), person('jonas', Track.Source.Microphone));
    expect(shown(listTracks(call, [{ source: Track.Source.Camera, placeholder: true }]))).toEqual([
      'me:camera:-',
      'jonas:camera:-',
    ]);
    expect(shown(listTracks(call, [{ source: Track.Source.Camera }]))).toEqual([]);
    expect(shown(listTracks(call, [{ source: Track.Source.Microphone }]))).toEqual([
      'jonas:microphone:jonas-0',
    ]);
  });
});
