import type { Track } from 'livekit-client';
import { useEffect, useRef, type AudioHTMLAttributes, type VideoHTMLAttributes } from 'react';

/**
 * A track in a media element: LiveKit attaches it (and, for someone else's picture, sizes
 * what the server sends to the element: adaptive stream) and lets go when the element goes
 * or the track changes. The caller decides whether a track may be played at all.
 */
function useAttached<E extends HTMLMediaElement>(track: Track | undefined) {
  const element = useRef<E>(null);
  useEffect(() => {
    const media = element.current;
    if (!media || !track) return;
    track.attach(media);
    return () => {
      track.detach(media);
    };
  }, [track]);
  return element;
}

export function VideoTrackView({
  track,
  ...props
}: { track: Track | undefined } & VideoHTMLAttributes<HTMLVideoElement>) {
  const element = useAttached<HTMLVideoElement>(track);
  return <video ref={element} {...props} />;
}

export function AudioTrackView({
  track,
  ...props
}: { track: Track | undefined } & AudioHTMLAttributes<HTMLAudioElement>) {
  const element = useAttached<HTMLAudioElement>(track);
  return <audio ref={element} {...props} />;
}
