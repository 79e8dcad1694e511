import {
  isTrackReference,
  useTracks,
  VideoTrack,
  type TrackReferenceOrPlaceholder,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useTranslation } from 'react-i18next';

/** Shared screens first, then everyone's camera; a placeholder where a camera is off. */
export function VideoStage({ names }: { names: ReadonlyMap<string, string> }) {
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
      : (names.get(ref.participant.identity) ?? t('call.other'));
    return ref.source === Track.Source.ScreenShare ? `${who} – ${t('call.screenOf')}` : who;
  };

  return (
    <div className="stage">
      {remote.length === 0 && (
        <p className="stage-waiting" role="status">
          {t('call.waiting')}
        </p>
      )}
      {[...remote, ...local].map((ref) => (
        <VideoTile
          key={`${ref.participant.identity}-${ref.source}`}
          trackRef={ref}
          who={nameOf(ref)}
        />
      ))}
    </div>
  );
}

function VideoTile({ trackRef, who }: { trackRef: TrackReferenceOrPlaceholder; who: string }) {
  const { t } = useTranslation();
  const showVideo = isTrackReference(trackRef) && !trackRef.publication.isMuted;
  return (
    <figure className={trackRef.participant.isLocal ? 'tile tile-local' : 'tile'}>
      {showVideo ? (
        <VideoTrack trackRef={trackRef} aria-label={t('call.videoOf', { who })} muted playsInline />
      ) : (
        <div className="tile-placeholder">{t('call.cameraOff')}</div>
      )}
      <figcaption>{who}</figcaption>
    </figure>
  );
}
