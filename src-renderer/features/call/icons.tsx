/**
 * The call screen's icons, drawn inline: no icon font, nothing fetched. Each is decorative
 * (`aria-hidden`); the button or mark around it carries the words.
 */
import type { ReactNode } from 'react';

function Icon({ children, size = 24 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

const Slash = () => <path d="M3 3l18 18" />;

export function MicrophoneIcon({ off = false, size }: { off?: boolean; size?: number }) {
  return (
    <Icon size={size}>
      <rect x="9" y="2.5" width="6" height="11" rx="3" />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7" />
      {off && <Slash />}
    </Icon>
  );
}

export function CameraIcon({ off = false }: { off?: boolean }) {
  return (
    <Icon>
      <rect x="2.5" y="6" width="13" height="12" rx="2" />
      <path d="M15.5 10.5l6-3.5v10l-6-3.5" />
      {off && <Slash />}
    </Icon>
  );
}

export function ScreenIcon() {
  return (
    <Icon>
      <rect x="2.5" y="4" width="19" height="13" rx="2" />
      <path d="M8 21h8M12 17v4M12 13.5V8M9.5 10.5 12 8l2.5 2.5" />
    </Icon>
  );
}

export function DocumentIcon() {
  return (
    <Icon>
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
      <path d="M14 3v5h5" />
      <path d="M9 13h6M9 17h6" />
    </Icon>
  );
}

export function ChatIcon() {
  return (
    <Icon>
      <path d="M4 4.5h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H9.5L5 20.5v-4H4a1 1 0 0 1-1-1v-10a1 1 0 0 1 1-1Z" />
      <path d="M7.5 9h9M7.5 12.5h6" />
    </Icon>
  );
}

export function HandIcon({ size }: { size?: number }) {
  return (
    <Icon size={size}>
      <path d="M8 12.5V5.5a1.5 1.5 0 0 1 3 0v5.5M11 10V4a1.5 1.5 0 0 1 3 0v6.5M14 10.5V5.5a1.5 1.5 0 0 1 3 0V14a7.5 7.5 0 0 1-7.5 7.5h-.3a6 6 0 0 1-5.3-3.2L3.5 14.5a1.5 1.5 0 0 1 2.5-1.7L8 15" />
    </Icon>
  );
}

export function MoreIcon() {
  return (
    <Icon>
      <circle cx="5" cy="12" r="1.2" fill="currentColor" />
      <circle cx="12" cy="12" r="1.2" fill="currentColor" />
      <circle cx="19" cy="12" r="1.2" fill="currentColor" />
    </Icon>
  );
}

export function LeaveIcon() {
  return (
    <Icon>
      <path d="M14 3.5h4.5a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H14M10 8l-4 4 4 4M6 12h10" />
    </Icon>
  );
}

export function PinIcon() {
  return (
    <Icon size={18}>
      <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
    </Icon>
  );
}

function CloseIcon() {
  return (
    <Icon size={20}>
      <path d="M6 6l12 12M18 6 6 18" />
    </Icon>
  );
}

/** The "×" that closes a sheet, a panel or a notice; `label` says what it closes. */
export function CloseButton(props: { label: string; className?: string; onClick: () => void }) {
  return (
    <button
      type="button"
      className={props.className ? `icon-button ${props.className}` : 'icon-button'}
      aria-label={props.label}
      onClick={props.onClick}
    >
      <CloseIcon />
    </button>
  );
}

export function ChevronIcon({ direction }: { direction: 'left' | 'right' }) {
  return (
    <Icon size={20}>
      {direction === 'left' ? <path d="M15 5l-7 7 7 7" /> : <path d="M9 5l7 7-7 7" />}
    </Icon>
  );
}

/** A magnifier with a minus or a plus: making a presented page smaller or larger. */
export function ZoomIcon({ direction }: { direction: 'in' | 'out' }) {
  return (
    <Icon size={20}>
      <circle cx="10.5" cy="10.5" r="6.5" />
      <path d="M15.5 15.5L21 21M7.5 10.5h6" />
      {direction === 'in' && <path d="M10.5 7.5v6" />}
    </Icon>
  );
}

/** A page between two arrows (as wide as the screen), or a whole page on its own. */
export function FitIcon({ fit }: { fit: 'width' | 'page' }) {
  return (
    <Icon size={20}>
      {fit === 'width' ? (
        <path d="M8 5h8v14H8zM2 12h4M4 10l-2 2 2 2M22 12h-4M20 10l2 2-2 2" />
      ) : (
        <path d="M6 3h9l3 3v15H6zM9 10h6M9 14h6" />
      )}
    </Icon>
  );
}

/** Lines of text: a presented page's text, to read it large. */
export function TextIcon() {
  return (
    <Icon size={20}>
      <path d="M4 6h16M4 10h16M4 14h16M4 18h10" />
    </Icon>
  );
}

/** An arrow into a tray: save. */
export function SaveIcon() {
  return (
    <Icon size={20}>
      <path d="M12 3v12M7 10l5 5 5-5M4 17v3h16v-3" />
    </Icon>
  );
}

export function CalmIcon() {
  return (
    <Icon size={48}>
      <circle cx="12" cy="12" r="9.5" />
      <path d="M7.5 12.5l3 3 6-6.5" />
    </Icon>
  );
}

/** Connection strength as three bars; the bars beyond the quality are drawn faint. */
export function SignalBars({ bars }: { bars: number }) {
  return (
    <svg
      className="icon signal"
      viewBox="0 0 18 14"
      width="18"
      height="14"
      aria-hidden="true"
      focusable="false"
    >
      {[0, 1, 2].map((index) => (
        <rect
          key={index}
          x={index * 6 + 1}
          y={10 - index * 4}
          width="4"
          height={4 + index * 4}
          rx="1"
          fill="currentColor"
          opacity={index < bars ? 1 : 0.35}
        />
      ))}
    </svg>
  );
}
