import type { ReactNode } from 'react';
import { useScreenHeading } from './useScreenHeading';

/** A screen's one h1; it takes the focus when the screen appears (see useScreenHeading). */
export function ScreenHeading(props: { id?: string; className?: string; children: ReactNode }) {
  const heading = useScreenHeading();
  return (
    <h1 ref={heading} id={props.id} className={props.className} tabIndex={-1}>
      {props.children}
    </h1>
  );
}
