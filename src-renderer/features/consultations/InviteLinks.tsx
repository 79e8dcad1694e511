import QRCode from 'qrcode';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationView } from '../../../src-shared/ipc-contract';

/** One link per invited person: copy it, or show it as a QR code for a phone. */
export function InviteLinks({ invites }: { invites: ConsultationView['invites'] }) {
  const { t } = useTranslation();
  return (
    <div className="invites">
      <p className="hint">{t('consultations.linkNote')}</p>
      <ol className="invite-list">
        {invites.map((invite, index) => (
          <InviteLink
            key={invite.webUrl}
            n={index + 1}
            webUrl={invite.webUrl}
            appUrl={invite.appUrl}
          />
        ))}
      </ol>
    </div>
  );
}

function InviteLink({ n, webUrl, appUrl }: { n: number; webUrl: string; appUrl: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const [showQr, setShowQr] = useState(false);
  const [qr, setQr] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    if (!showQr) return;
    let current = true;
    // Made here, from the link on this device: no QR service sees it.
    void QRCode.toDataURL(webUrl, { errorCorrectionLevel: 'M', margin: 2, width: 240 }).then(
      (url) => {
        if (current) setQr(url);
      },
    );
    return () => {
      current = false;
    };
  }, [showQr, webUrl]);

  return (
    <li className="invite">
      <label htmlFor={id}>{t('consultations.linkLabel', { n })}</label>
      <input
        id={id}
        className="link-field"
        readOnly
        value={webUrl}
        onFocus={(e) => e.target.select()}
      />
      <div className="row">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard.writeText(webUrl).then(() => setCopied(true));
          }}
        >
          {copied ? t('consultations.copied') : t('consultations.copy')}
        </button>
        <button type="button" aria-expanded={showQr} onClick={() => setShowQr((shown) => !shown)}>
          {showQr ? t('consultations.hideQr') : t('consultations.showQr')}
        </button>
      </div>
      {showQr && qr && (
        <img
          className="qr"
          src={qr}
          alt={t('consultations.qrAlt', { n })}
          width={240}
          height={240}
        />
      )}
      <details>
        <summary>{t('consultations.appLink')}</summary>
        <input
          className="link-field"
          readOnly
          value={appUrl}
          aria-label={t('consultations.appLink')}
        />
      </details>
    </li>
  );
}
