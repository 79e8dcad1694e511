/**
 * The guest's side of "bitte Mikrofon ausschalten": who asks, what for, and a free choice.
 * Accepting switches the person's own device, as its button would (the consent log says
 * so); declining changes nothing and tells nobody. Escape declines.
 *
 * Props contract:
 *
 *   <DeviceRequestPrompt call={call} />
 *
 * - `call: CallView` (useCallSession). Read: `deviceRequest`, `names`; calls
 *   `answerDeviceRequest(accept)`. Renders nothing while no request is open. Put it where
 *   the person looks (beside HomeViewPrompt): it takes the focus when a request arrives.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { CallView } from '../call/useCallSession';
import './people.css';

export interface DeviceRequestPromptProps {
  call: Pick<CallView, 'deviceRequest' | 'names' | 'answerDeviceRequest'>;
}

export function DeviceRequestPrompt({ call }: DeviceRequestPromptProps) {
  const { t } = useTranslation();
  const accept = useRef<HTMLButtonElement>(null);
  const ids = { heading: useId(), text: useId() };
  const request = call.deviceRequest;
  useEffect(() => {
    if (request) accept.current?.focus();
  }, [request]);
  if (!request) return null;

  const asker = call.names.get(request.from) ?? t('people.theHost');
  const what =
    `${request.device === 'camera' ? 'camera' : 'mic'}${request.on ? 'On' : 'Off'}` as const;
  return (
    <div
      className="notice device-request"
      role="alertdialog"
      aria-labelledby={ids.heading}
      aria-describedby={ids.text}
      onKeyDown={(event) => {
        if (event.key === 'Escape') void call.answerDeviceRequest(false);
      }}
    >
      <h2 id={ids.heading}>{t(`people.request.${what}.heading`, { name: asker })}</h2>
      <div id={ids.text}>
        <p>{t(`people.request.${what}.explain`)}</p>
        <p>{t('people.request.free')}</p>
      </div>
      <div className="row">
        <button
          ref={accept}
          type="button"
          className="primary"
          onClick={() => void call.answerDeviceRequest(true)}
        >
          {t(`people.request.${what}.yes`)}
        </button>
        <button type="button" onClick={() => void call.answerDeviceRequest(false)}>
          {t(`people.request.${what}.no`)}
        </button>
      </div>
    </div>
  );
}
