import {
  AudioTrack,
  isTrackReference,
  useTracks,
  VideoTrack,
  type TrackReferenceOrPlaceholder,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../livekit/call-session';
import type { QualityWord } from '../connection/connection-state';
import type { CallView } from './useCallSession';

/**
 * Shared screens first, then everyone's camera; a placeholder where a camera is off. Only a
 * verified person's video is attached to an element: anyone else gets a tile that says
 * honestly why nothing is shown.
 */
export function VideoStage({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const tracks = useTracks(
    [
      { source: Track.Source.ScreenShare, withPlaceholder: false },
      { source: Track.Source.Camera, withPlaceholder: true },
    ],
    { onlySubscribed: false },
  );
  const remote = tracks.filter((ref) => !ref.participant.isLocal);
  const local = tracks.filter((ref) => ref.participant.isLocal);
  const nameOf = (ref: TrackReferenceOrPlaceholder) => {
    const who = ref.participant.isLocal
      ? t('call.you')
      : (call.names.get(ref.participant.identity) ?? t('call.other'));
    return ref.source === Track.Source.ScreenShare ? `${who} – ${t('call.screenOf')}` : who;
  };

  return (
    <div className="stage">
      {remote.length === 0 && (
        <p className="stage-waiting" role="status">
          {t('call.waiting')}
        </p>
      )}
      {[...remote, ...local].map((ref) => {
        const person = call.people.get(ref.participant.identity);
        if (!ref.participant.isLocal && !person) return null; // sent out: not shown at all
        return (
          <VideoTile
            key={`${ref.participant.identity}-${ref.source}`}
            trackRef={ref}
            who={nameOf(ref)}
            person={ref.participant.isLocal ? null : (person ?? null)}
            quality={call.connection?.people.get(ref.participant.identity)}
          />
        );
      })}
    </div>
  );
}

function VideoTile(props: {
  trackRef: TrackReferenceOrPlaceholder;
  who: string;
  /** Null for my own tile. */
  person: Person | null;
  quality?: QualityWord;
}) {
  const { trackRef, who, person, quality } = props;
  const { t } = useTranslation();
  const trust = person?.trust ?? 'verified';
  const showVideo =
    trust === 'verified' && isTrackReference(trackRef) && !trackRef.publication.isMuted;
  return (
    <figure
      className={trackRef.participant.isLocal ? 'tile tile-local' : 'tile'}
      data-trust={trust}
    >
      {showVideo ? (
        <VideoTrack trackRef={trackRef} aria-label={t('call.videoOf', { who })} muted playsInline />
      ) : (
        <div className="tile-placeholder">
          {trust === 'verified' ? t('call.cameraOff') : t(`call.trust.${trust}`)}
        </div>
      )}
      <figcaption>
        {who}
        {quality && (
          <span
            className="tile-quality"
            data-quality={quality}
            aria-label={t('connection.quality.of', {
              who,
              quality: t(`connection.quality.${quality}`),
            })}
          >
            {' '}
            · {t(`connection.quality.${quality}`)}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

/**
 * Plays the microphones and screen audio of verified people only. (LiveKit's own
 * RoomAudioRenderer would play every subscribed track.)
 */
export function VerifiedAudio({ call }: { call: CallView }) {
  const tracks = useTracks(
    [Track.Source.Microphone, Track.Source.ScreenShareAudio, Track.Source.Unknown],
    { onlySubscribed: true },
  ).filter(
    (ref) =>
      !ref.participant.isLocal &&
      ref.publication.kind === Track.Kind.Audio &&
      call.people.get(ref.participant.identity)?.trust === 'verified',
  );
  return (
    <div style={{ display: 'none' }}>
      {tracks.map((ref) => (
        <AudioTrack
          key={`${ref.participant.identity}-${ref.publication.trackSid}`}
          trackRef={ref}
        />
      ))}
    </div>
  );
}
