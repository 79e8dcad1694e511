/**
 * The call screen's hooks over a LiveKit `Room`: each listens to the room events that
 * change what it returns, and reads the room again when one comes. Thin on purpose: the
 * reading is plain code (livekit/track-refs.ts), the hook only says when.
 *
 * The app's own rather than `@livekit/components-react`'s: those were a third of the call
 * screen's code (RxJS and LiveKit's components core came with them, about 60 kB) for these
 * five hooks and two elements (README, "the call screen without LiveKit's components").
 */
import {
  Room,
  RoomEvent,
  type Participant,
  type RemoteParticipant,
  type RoomEventCallbacks,
} from 'livekit-client';
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { listTracks, type SourceWanted, type TrackRef } from '../../livekit/track-refs';

/**
 * A number that changes whenever `room` emits one of `events`: the hooks below read the
 * room again when it does. `events` must not change between renders (a module constant).
 */
export function useRoomEvents(
  room: Room | null | undefined,
  events: readonly (keyof RoomEventCallbacks)[],
): number {
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!room) return;
    const changed = () => bump();
    for (const event of events) room.on(event, changed);
    // The room may have changed between the render and this effect.
    changed();
    return () => {
      for (const event of events) room.off(event, changed);
    };
  }, [room, events]);
  return version;
}

/** Everything that adds, removes or changes a picture or a sound on the screen. */
const trackEvents = [
  RoomEvent.Connected,
  RoomEvent.Reconnected,
  RoomEvent.Disconnected,
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackSubscriptionStatusChanged,
  RoomEvent.TrackSubscriptionFailed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.TrackStreamStateChanged,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
] as const;

/** The publications of `wanted` sources, with placeholders where asked (track-refs.ts). */
export function useTrackRefs(room: Room | null, wanted: readonly SourceWanted[]): TrackRef[] {
  const version = useRoomEvents(room, trackEvents);
  // `wanted` is a constant of the caller's; the list changes with the room's events.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => (room ? listTracks(room, wanted) : []), [room, version]);
}

const speakerEvents = [RoomEvent.ActiveSpeakersChanged] as const;

/** Who speaks now, loudest first (LiveKit's server says, about every half second). */
export function useSpeakers(room: Room | null): Participant[] {
  const version = useRoomEvents(room, speakerEvents);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => (room ? [...room.activeSpeakers] : []), [room, version]);
}

const participantEvents = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.Reconnected,
  RoomEvent.Disconnected,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
] as const;

/**
 * Everyone else in the room, whoever they are (verified or not: the server sees them all),
 * read again as they come and go and as their publications change.
 */
export function useRemoteParticipants(room: Room | null): RemoteParticipant[] {
  const version = useRoomEvents(room, participantEvents);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => (room ? [...room.remoteParticipants.values()] : []), [room, version]);
}

const deviceEvents = [RoomEvent.ActiveDeviceChanged] as const;

/**
 * The devices of one kind, the one the call uses (the room's own record, read again when
 * it changes), and a way to switch (the track restarts on the new device). Lists without
 * asking for a permission: labels are there once the page holds one, which it does in a
 * call.
 */
export function useMediaDevices(room: Room | null, kind: MediaDeviceKind) {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    let current = true;
    const read = () => {
      Room.getLocalDevices(kind, false).then(
        (list) => current && setDevices(list),
        () => current && setDevices([]),
      );
    };
    read();
    navigator.mediaDevices?.addEventListener('devicechange', read);
    return () => {
      current = false;
      navigator.mediaDevices?.removeEventListener('devicechange', read);
    };
  }, [kind]);
  const version = useRoomEvents(room, deviceEvents);
  const activeDeviceId = useMemo(
    () => room?.getActiveDevice(kind) ?? '',
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [room, kind, version],
  );
  const setActiveMediaDevice = useCallback(
    async (deviceId: string) => {
      await room?.switchActiveDevice(kind, deviceId);
    },
    [room, kind],
  );
  return { devices, activeDeviceId, setActiveMediaDevice };
}
