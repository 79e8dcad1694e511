import QRCode from 'qrcode';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { ConsultationView } from '../../../src-shared/ipc-contract';
import './invites.css';
import { ConfirmQuestion } from '../../app/ConfirmQuestion';

/**
 * One link per invited person: a local name for it, copy it, show it as a QR code for a
 * phone, or withdraw it.
 *
 * Props: `invites` (the consultation's, in order); `onLabel(n, label)` names link n (0 for
 * the first) and answers whether it was saved; `onRevoke(n)` withdraws it. Without the
 * callbacks the links are shown only.
 */
export function InviteLinks({
  invites,
  onLabel,
  onRevoke,
}: {
  invites: ConsultationView['invites'];
  onLabel?: (invite: number, label: string) => Promise<boolean>;
  onRevoke?: (invite: number) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  return (
    <div className="invites">
      <p className="hint">{t('consultations.linkNote')}</p>
      <ol className="invite-list">
        {invites.map((invite, index) => (
          <InviteLink
            key={invite.webUrl}
            n={index + 1}
            invite={invite}
            onLabel={onLabel && ((label) => onLabel(index, label))}
            onRevoke={onRevoke && (() => onRevoke(index))}
          />
        ))}
      </ol>
    </div>
  );
}

/**
 * A phone camera reads a QR code best with few, large modules and the full quiet zone:
 * the lowest error correction (a screen is not a crumpled print-out), four modules of
 * margin, and whole pixels per module.
 */
async function qrImage(link: string): Promise<{ url: string; size: number }> {
  const scale = 4;
  const margin = 4;
  const modules = QRCode.create(link, { errorCorrectionLevel: 'L' }).modules.size;
  const url = await QRCode.toDataURL(link, { errorCorrectionLevel: 'L', margin, scale });
  return { url, size: (modules + 2 * margin) * scale };
}

function InviteLink(props: {
  n: number;
  invite: ConsultationView['invites'][number];
  onLabel?: (label: string) => Promise<boolean>;
  onRevoke?: () => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const { n, invite, onLabel, onRevoke } = props;
  const { webUrl, appUrl } = invite;
  const [copied, setCopied] = useState(false);
  const [showQr, setShowQr] = useState(false);
  const [qr, setQr] = useState<{ url: string; size: number } | null>(null);
  const [mode, setMode] = useState<'idle' | 'naming' | 'revoking'>('idle');
  const id = useId();
  const nameButton = useRef<HTMLButtonElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!showQr) return;
    let current = true;
    // Made here, from the link on this device: no QR service sees it.
    void qrImage(webUrl).then((image) => {
      if (current) setQr(image);
    });
    return () => {
      current = false;
    };
  }, [showQr, webUrl]);

  const back = (to: 'name' | 'revoke') => {
    setMode('idle');
    // The button that opened the form gets the focus back (after React shows it again).
    setTimeout(() => (to === 'name' ? nameButton : revokeButton).current?.focus());
  };

  if (invite.revoked) {
    return (
      <li className="invite invite-revoked">
        <p className="invite-title">
          <span>{t('consultations.linkLabel', { n })}</span>
          {invite.label && <span className="invite-name"> – {invite.label}</span>}
        </p>
        <p className="hint" role="status">
          {t('invites.revokedNote')}
        </p>
      </li>
    );
  }

  return (
    <li className="invite">
      <p className="invite-title">
        <label htmlFor={id}>{t('consultations.linkLabel', { n })}</label>
        {invite.label && <span className="invite-name"> – {invite.label}</span>}
      </p>
      <input
        id={id}
        className="link-field"
        readOnly
        value={webUrl}
        onFocus={(e) => e.target.select()}
      />
      {mode === 'naming' && onLabel && (
        <NameForm
          n={n}
          initial={invite.label}
          onSave={async (label) => {
            if (await onLabel(label)) back('name');
          }}
          onCancel={() => back('name')}
        />
      )}
      {mode === 'revoking' && onRevoke && (
        <RevokeConfirm
          n={n}
          label={invite.label}
          onRevoke={async () => {
            await onRevoke();
          }}
          onCancel={() => back('revoke')}
        />
      )}
      {mode === 'idle' && (
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
          {onLabel && (
            <button
              ref={nameButton}
              type="button"
              aria-label={t('invites.nameLabel', { n })}
              onClick={() => setMode('naming')}
            >
              {invite.label ? t('invites.rename') : t('invites.name')}
            </button>
          )}
          {onRevoke && (
            <button
              ref={revokeButton}
              type="button"
              aria-label={t('invites.revokeLabel', { n })}
              onClick={() => setMode('revoking')}
            >
              {t('invites.revoke')}
            </button>
          )}
        </div>
      )}
      {showQr && qr && (
        <figure className="qr-figure">
          <img
            className="qr"
            src={qr.url}
            alt={t('consultations.qrAlt', { n })}
            width={qr.size}
            height={qr.size}
          />
          <figcaption className="hint">{t('invites.qrHint')}</figcaption>
        </figure>
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

function NameForm(props: {
  n: number;
  initial: string;
  onSave: (label: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(props.initial);
  const [saving, setSaving] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => field.current?.focus(), []);
  return (
    <form
      className="invite-form"
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        void props.onSave(value.trim()).finally(() => setSaving(false));
      }}
    >
      <label htmlFor={id}>{t('invites.nameField', { n: props.n })}</label>
      <input
        id={id}
        ref={field}
        className="text-field"
        value={value}
        maxLength={60}
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onCancel();
        }}
      />
      <p id={`${id}-hint`} className="hint">
        {t('invites.nameHint')}
      </p>
      <div className="row">
        <button type="submit" className="primary" disabled={saving}>
          {t('invites.save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('invites.cancel')}
        </button>
      </div>
    </form>
  );
}

function RevokeConfirm(props: {
  n: number;
  label: string;
  onRevoke: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const which = props.label
    ? t('invites.whichNamed', { n: props.n, label: props.label })
    : t('invites.which', { n: props.n });
  return (
    <ConfirmQuestion
      className="invite-form"
      question={t('invites.revokeQuestion', { which })}
      explain={t('invites.revokeExplain')}
      yes={t('invites.revokeYes')}
      no={t('invites.cancel')}
      onYes={props.onRevoke}
      onCancel={props.onCancel}
    />
  );
}
