import { useTranslation } from 'react-i18next';
import type { EncryptedCallActions, EncryptedCallState } from './useEncryptedCall';

export type CallControlsProps = Pick<EncryptedCallState, 'camera' | 'microphone'> &
  Pick<EncryptedCallActions, 'setCamera' | 'setMicrophone'> & {
    /** False until the local encryption is active: nothing may be published before. */
    ready: boolean;
    onLeave: () => void;
  };

export function CallControls({
  camera,
  microphone,
  setCamera,
  setMicrophone,
  ready,
  onLeave,
}: CallControlsProps) {
  const { t } = useTranslation();
  return (
    <div className="controls" role="toolbar" aria-label={t('call.controls')}>
      <button
        type="button"
        aria-pressed={microphone}
        disabled={!ready}
        onClick={() => void setMicrophone(!microphone)}
      >
        {microphone ? t('call.microphoneOn') : t('call.microphoneOff')}
      </button>
      <button
        type="button"
        aria-pressed={camera}
        disabled={!ready}
        onClick={() => void setCamera(!camera)}
      >
        {camera ? t('call.cameraOnButton') : t('call.cameraOffButton')}
      </button>
      <button type="button" className="danger" onClick={onLeave}>
        {t('call.leave')}
      </button>
    </div>
  );
}
