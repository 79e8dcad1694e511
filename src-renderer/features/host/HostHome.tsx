import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppApi } from '../../../src-shared/api-surface';
import { ProblemScreen } from '../../app/ProblemScreen';
import type { CallTicket } from '../call/useEncryptedCall';
import type { Problem } from '../../app/ProblemScreen';
import { useHostCall } from './useHostCall';

export interface HostHomeProps {
  api: AppApi;
  onEnter: (ticket: () => Promise<CallTicket | Problem>) => void;
}

export function HostHome({ api, onEnter }: HostHomeProps) {
  const { t, i18n } = useTranslation();
  const { state, prepare } = useHostCall(api);
  const [copied, setCopied] = useState(false);
  const linkId = useId();

  if (state.status === 'failed')
    return <ProblemScreen problem={state.problem} onRetry={() => void prepare()} />;

  if (state.status !== 'ready') {
    return (
      <section className="panel" aria-labelledby="host-heading">
        <h1 id="host-heading">{t('host.heading')}</h1>
        <p>{t('host.intro')}</p>
        <button
          type="button"
          className="primary"
          disabled={state.status === 'preparing'}
          onClick={() => void prepare()}
        >
          {state.status === 'preparing' ? t('host.starting') : t('host.start')}
        </button>
      </section>
    );
  }

  const { call } = state;
  const until = new Date(call.inviteExpiresAt * 1000).toLocaleTimeString(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <section className="panel" aria-labelledby="invite-heading">
      <h1 id="invite-heading">{t('host.linkHeading')}</h1>
      <label htmlFor={linkId}>{t('host.linkLabel')}</label>
      <input
        id={linkId}
        className="link-field"
        readOnly
        value={call.inviteUrl}
        onFocus={(e) => e.target.select()}
      />
      <p className="hint">{t('host.validUntil', { time: until })}</p>
      <p className="hint">{t('host.linkNote')}</p>
      <div className="row">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard.writeText(call.inviteUrl).then(() => setCopied(true));
          }}
        >
          {copied ? t('host.copied') : t('host.copy')}
        </button>
        <button type="button" className="primary" onClick={() => onEnter(call.ticket)}>
          {t('host.enter')}
        </button>
      </div>
    </section>
  );
}
