import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaConsent } from '../call/useEncryptedCall';

/**
 * What joining means, in plain words, and the person's own choice of camera and
 * microphone. Both start unticked: consent is something the person gives, not a default.
 */
export function PreJoin({ onJoin }: { onJoin: (consent: MediaConsent) => Promise<void> }) {
  const { t } = useTranslation();
  const [camera, setCamera] = useState(false);
  const [microphone, setMicrophone] = useState(false);
  const [busy, setBusy] = useState(false);
  const cameraId = useId();
  const microphoneId = useId();

  return (
    <section className="panel" aria-labelledby="prejoin-heading">
      <h1 id="prejoin-heading">{t('prejoin.heading')}</h1>
      <ul className="facts">
        <li>{t('prejoin.encrypted')}</li>
        <li>{t('prejoin.notRecorded')}</li>
        <li>{t('prejoin.yourChoice')}</li>
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          void onJoin({ camera, microphone }).finally(() => setBusy(false));
        }}
      >
        <div className="choice">
          <input
            id={cameraId}
            type="checkbox"
            checked={camera}
            onChange={(e) => setCamera(e.target.checked)}
          />
          <label htmlFor={cameraId}>{t('prejoin.camera')}</label>
        </div>
        <div className="choice">
          <input
            id={microphoneId}
            type="checkbox"
            checked={microphone}
            onChange={(e) => setMicrophone(e.target.checked)}
          />
          <label htmlFor={microphoneId}>{t('prejoin.microphone')}</label>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('prejoin.join')}
        </button>
      </form>
    </section>
  );
}
