import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { CloseButton } from './icons';

export interface PanelTab {
  id: string;
  label: string;
  content: ReactNode;
  /** A number that stands (who waits, whose hand is up): shown while above zero. */
  count?: number;
  /**
   * A counter that only grows with each new thing (a message, an answer, a consent): the
   * tab shows how many arrived since it was last open.
   */
  activity?: number;
  /** The tab's content needs room (the notes): the panel widens while it is open. */
  wide?: boolean;
}

/** A red number beside a label; screen readers hear it in brackets (`spoken`, or the number). */
export function CountBadge({ count, spoken }: { count: number; spoken?: string }) {
  return (
    <span className="tab-badge">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden"> ({spoken ?? count})</span>
    </span>
  );
}

/**
 * The host's side panel: tabs (Warteraum, Im Gespräch, Chat, Ergebnisse, Zustimmungen),
 * each with a badge when something new arrives. Every panel stays mounted, so a half-written
 * note or chat message is never lost by switching.
 */
export function SidePanel(props: {
  tabs: PanelTab[];
  active: string;
  onSelect: (id: string) => void;
  /** In a phone-sized window the panel lies over the stage and can be closed. */
  onClose?: () => void;
}) {
  const { tabs, active, onSelect, onClose } = props;
  const { t } = useTranslation();
  const base = useId();
  const [seen, setSeen] = useState<Record<string, number>>({});
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const current = tabs.find((tab) => tab.id === active) ?? tabs[0];
  const activeActivity = current?.activity ?? 0;

  // What is open is seen (kept from render to render, as React's docs do for derived state).
  if (current && seen[current.id] !== activeActivity) {
    setSeen({ ...seen, [current.id]: activeActivity });
  }

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: tabs.length - 1 - index }[
      event.key
    ];
    if (step === undefined) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    refs.current.get(next.id)?.focus();
  };

  return (
    <div className="side-panel" data-wide={current?.wide === true}>
      <div className="side-head">
        <div className="tabs" role="tablist" aria-label={t('screen.tabs.label')}>
          {tabs.map((tab, index) => {
            const selected = tab.id === current?.id;
            const news = selected ? 0 : Math.max(0, (tab.activity ?? 0) - (seen[tab.id] ?? 0));
            const badge = tab.count ?? news;
            return (
              <button
                key={tab.id}
                ref={(element) => {
                  if (element) refs.current.set(tab.id, element);
                  else refs.current.delete(tab.id);
                }}
                id={`${base}-${tab.id}-tab`}
                type="button"
                role="tab"
                className="tab"
                aria-selected={selected}
                aria-controls={`${base}-${tab.id}`}
                tabIndex={selected ? 0 : -1}
                onClick={() => onSelect(tab.id)}
                onKeyDown={(event) => onKeyDown(event, index)}
              >
                {tab.label}
                {badge > 0 && (
                  <CountBadge
                    count={badge}
                    spoken={
                      tab.count === undefined ? t('screen.tabs.news', { count: badge }) : undefined
                    }
                  />
                )}
              </button>
            );
          })}
        </div>
        {onClose && (
          <CloseButton className="side-close" label={t('screen.tabs.close')} onClick={onClose} />
        )}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          id={`${base}-${tab.id}`}
          role="tabpanel"
          className="tab-panel"
          aria-labelledby={`${base}-${tab.id}-tab`}
          hidden={tab.id !== current?.id}
          tabIndex={0}
        >
          {tab.content}
        </div>
      ))}
    </div>
  );
}
