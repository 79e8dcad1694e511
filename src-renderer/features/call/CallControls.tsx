import { useTrackToggle } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useTranslation } from 'react-i18next';

export interface CallControlsProps {
  /** False until the local encryption is active: nothing may be published before. */
  ready: boolean;
  onLeave: () => void;
}

export function CallControls({ ready, onLeave }: CallControlsProps) {
  const { t } = useTranslation();
  const microphone = useTrackToggle({ source: Track.Source.Microphone });
  const camera = useTrackToggle({ source: Track.Source.Camera });
  return (
    <div className="controls" role="toolbar" aria-label={t('call.controls')}>
      <button
        type="button"
        aria-pressed={microphone.enabled}
        disabled={!ready || microphone.pending}
        onClick={() => void microphone.toggle()}
      >
        {microphone.enabled ? t('call.microphoneOn') : t('call.microphoneOff')}
      </button>
      <button
        type="button"
        aria-pressed={camera.enabled}
        disabled={!ready || camera.pending}
        onClick={() => void camera.toggle()}
      >
        {camera.enabled ? t('call.cameraOnButton') : t('call.cameraOffButton')}
      </button>
      <button type="button" className="danger" onClick={onLeave}>
        {t('call.leave')}
      </button>
    </div>
  );
}
