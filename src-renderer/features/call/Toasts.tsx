import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { CloseButton } from './icons';

export interface Toast {
  /** A toast with the key of one already shown replaces it. */
  key: string;
  text: string;
  action?: { label: string; run: () => void };
}

const SHOWN_MS = 8_000;
const MAX_SHOWN = 3;

/** Short notices over the stage; each goes by itself, or when what it announced is over. */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const regionRef = useRef<HTMLDivElement>(null);

  const dismiss = useCallback((key: string) => {
    clearTimeout(timers.current.get(key));
    timers.current.delete(key);
    setToasts((shown) => shown.filter((toast) => toast.key !== key));
  }, []);

  const push = useCallback(
    (toast: Toast) => {
      setToasts((shown) => [...shown.filter((t) => t.key !== toast.key), toast].slice(-MAX_SHOWN));
      clearTimeout(timers.current.get(toast.key));
      const expire = () => {
        // Not while the person reads or points at it.
        if (regionRef.current?.matches(':hover, :focus-within')) {
          timers.current.set(toast.key, setTimeout(expire, SHOWN_MS / 2));
        } else dismiss(toast.key);
      };
      timers.current.set(toast.key, setTimeout(expire, SHOWN_MS));
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  return { toasts, push, dismiss, regionRef };
}

/** The notices, in one polite live region that is always in the page. */
export function Toasts({ toasts, dismiss, regionRef }: ReturnType<typeof useToasts>) {
  const { t } = useTranslation();
  return (
    <div ref={regionRef} className="toasts" role="status" aria-label={t('screen.toast.region')}>
      {toasts.map((toast) => (
        <div key={toast.key} className="toast">
          <span className="toast-text">{toast.text}</span>
          {toast.action && (
            <button
              type="button"
              className="toast-action"
              onClick={() => {
                toast.action?.run();
                dismiss(toast.key);
              }}
            >
              {toast.action.label}
            </button>
          )}
          <CloseButton label={t('screen.toast.dismiss')} onClick={() => dismiss(toast.key)} />
        </div>
      ))}
    </div>
  );
}
