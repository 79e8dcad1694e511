/**
 * The pictures and sounds a room has, as the call screen lists them: one entry per
 * publication of the sources asked for, person by person (me first, then the others in the
 * order LiveKit knows them), and where asked, a placeholder for a person without one (a
 * camera that is off still gets a tile). Plain functions over a `Room`; the screen's hooks
 * (features/call/room-hooks.ts) call them again when the room says something changed.
 */
import type { Participant, Room, Track, TrackPublication } from 'livekit-client';

export interface TrackRef {
  participant: Participant;
  source: Track.Source;
  /** Absent for a placeholder. */
  publication: TrackPublication | undefined;
}

export interface SourceWanted {
  source: Track.Source;
  /** A person without such a publication still gets an entry. */
  placeholder?: boolean;
}

export function listTracks(room: Room, wanted: readonly SourceWanted[]): TrackRef[] {
  const list: TrackRef[] = [];
  const everyone: Participant[] = [room.localParticipant, ...room.remoteParticipants.values()];
  for (const participant of everyone) {
    const publications = [...participant.trackPublications.values()];
    for (const { source, placeholder } of wanted) {
      const found = publications.filter((publication) => publication.source === source);
      for (const publication of found) list.push({ participant, source, publication });
      if (found.length === 0 && placeholder)
        list.push({ participant, source, publication: undefined });
    }
  }
  return list;
}
