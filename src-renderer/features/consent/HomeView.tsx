import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { CallView } from '../call/useCallSession';

/**
 * The guest's side of "may I see your home?": who asks and why, in plain words, and a
 * free choice. Declining leaves nothing but "declined" in the consent log.
 */
export function HomeViewPrompt({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const accept = useRef<HTMLButtonElement>(null);
  const request = call.homeViewRequest;
  useEffect(() => {
    if (request) accept.current?.focus();
  }, [request]);

  if (call.homeViewActive) {
    return (
      <div className="notice" role="status">
        <p>{t('consent.homeViewActive')}</p>
        <button type="button" className="danger" onClick={() => void call.endHomeView()}>
          {t('consent.homeViewEnd')}
        </button>
      </div>
    );
  }
  if (!request) return null;
  const asker = call.names.get(request.from) ?? t('call.other');
  return (
    <div
      className="notice"
      role="alertdialog"
      aria-labelledby="home-view-heading"
      aria-describedby="home-view-text"
    >
      <h2 id="home-view-heading">{t('consent.homeViewAskHeading', { name: asker })}</h2>
      <div id="home-view-text">
        <p>{t('consent.homeViewReason', { reason: request.reason })}</p>
        <p>{t('consent.homeViewFree')}</p>
      </div>
      <div className="row">
        <button
          ref={accept}
          type="button"
          className="primary"
          onClick={() => void call.answerHomeView(true)}
        >
          {t('consent.homeViewAccept')}
        </button>
        <button type="button" onClick={() => void call.answerHomeView(false)}>
          {t('consent.homeViewDecline')}
        </button>
      </div>
    </div>
  );
}

/** The host's request, with the reason the guest will read. */
export function HomeViewRequestButton({
  name,
  onRequest,
}: {
  name: string;
  onRequest: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (asking) field.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        type="button"
        aria-label={t('consent.homeViewRequestLabel', { name })}
        onClick={() => setAsking(true)}
      >
        {t('consent.homeViewRequest')}
      </button>
    );
  }
  return (
    <form
      className="home-view-form"
      onSubmit={(event) => {
        event.preventDefault();
        onRequest(reason.trim() || t('consent.homeViewDefaultReason'));
        setAsking(false);
        setReason('');
      }}
    >
      <label htmlFor="home-view-reason">{t('consent.homeViewReasonLabel', { name })}</label>
      <input
        id="home-view-reason"
        ref={field}
        className="text-field"
        maxLength={200}
        value={reason}
        placeholder={t('consent.homeViewDefaultReason')}
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setAsking(false);
        }}
      />
      <div className="row">
        <button type="submit" className="primary">
          {t('consent.homeViewSend')}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          {t('consent.cancel')}
        </button>
      </div>
    </form>
  );
}
