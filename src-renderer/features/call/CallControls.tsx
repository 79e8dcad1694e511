import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from './useCallSession';

export type CallControlsProps = Pick<
  CallView,
  'camera' | 'microphone' | 'screen' | 'setCamera' | 'setMicrophone' | 'setScreen'
> & {
  /** False until the local encryption is active: nothing may be published before. */
  ready: boolean;
  onLeave: () => void;
};

/** Browsers on phones cannot share a screen; the control is not offered there. */
const canShareScreen =
  typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';

export function CallControls(props: CallControlsProps) {
  const { camera, microphone, screen, setCamera, setMicrophone, setScreen, ready, onLeave } = props;
  const { t } = useTranslation();
  const [askingScreen, setAskingScreen] = useState(false);
  return (
    <>
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
        {canShareScreen && (
          <button
            type="button"
            aria-pressed={screen}
            disabled={!ready}
            onClick={() => (screen ? void setScreen(false) : setAskingScreen(true))}
          >
            {screen ? t('call.screenStop') : t('call.screenShare')}
          </button>
        )}
        <button type="button" className="danger" onClick={onLeave}>
          {t('call.leave')}
        </button>
      </div>
      {askingScreen && (
        <ScreenShareQuestion
          onAnswer={(yes) => {
            setAskingScreen(false);
            if (yes) void setScreen(true);
          }}
        />
      )}
    </>
  );
}

/** The app asks first, in its own words, before the browser's picker appears. */
function ScreenShareQuestion({ onAnswer }: { onAnswer: (yes: boolean) => void }) {
  const { t } = useTranslation();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div
      className="notice"
      role="alertdialog"
      aria-labelledby="screen-question-heading"
      aria-describedby="screen-question-text"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onAnswer(false);
      }}
    >
      <h2 id="screen-question-heading">{t('call.screenQuestion')}</h2>
      <p id="screen-question-text">{t('call.screenExplain')}</p>
      <div className="row">
        <button ref={first} type="button" className="primary" onClick={() => onAnswer(true)}>
          {t('call.screenYes')}
        </button>
        <button type="button" onClick={() => onAnswer(false)}>
          {t('consent.cancel')}
        </button>
      </div>
    </div>
  );
}
