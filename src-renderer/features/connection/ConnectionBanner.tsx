import { useTranslation } from '../../i18n/useTranslation';
import type { CallView } from '../call/useCallSession';

/**
 * How the line is, in plain words, with what the person can do about it: take audio only,
 * keep the pictures, get them back, or reconnect after the call gave up.
 */
export function ConnectionBanner({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const view = call.connection;
  if (!view?.banner) return null;
  const urgent = ['interrupted', 'reconnecting', 'gaveUp', 'serverGone'].includes(view.banner);
  return (
    <div
      className={urgent ? 'notice connection-banner urgent' : 'notice connection-banner'}
      role="status"
    >
      <p>{t(`connection.banner.${view.banner}`)}</p>
      {view.canRejoin && (
        <button type="button" className="primary" onClick={() => void call.rejoin()}>
          {t('connection.action.rejoin')}
        </button>
      )}
      {view.audioOnly.kind === 'offered' && (
        <div className="row">
          <button type="button" className="primary" onClick={() => call.setAudioOnly(true)}>
            {t('connection.action.audioOnly')}
          </button>
          <button type="button" onClick={() => call.setAudioOnly(false)}>
            {t('connection.action.keepVideo')}
          </button>
        </div>
      )}
      {view.audioOnly.kind === 'on' && (
        <button type="button" onClick={() => call.setAudioOnly(false)}>
          {t('connection.action.videoBack')}
        </button>
      )}
    </div>
  );
}

/** "Ihre Verbindung: schwach", for the call's status line. */
export function MyQuality({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const mine = call.connection?.me;
  if (!mine) return null;
  return (
    <span className="quality" data-quality={mine}>
      {t('connection.quality.mine', { quality: t(`connection.quality.${mine}`) })}
    </span>
  );
}
