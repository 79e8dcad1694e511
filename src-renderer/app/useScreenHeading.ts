import { useEffect, useRef } from 'react';

/**
 * A new screen takes the focus to its heading (its one h1), so a screen reader says where
 * the person now is and the next Tab starts at the top of the new screen. Only when the
 * focus was lost with the screen before (it sits on the page's body): something the new
 * screen focuses on purpose (a question, a dialog) keeps it.
 *
 *   const heading = useScreenHeading();
 *   <h1 ref={heading} tabIndex={-1}>…</h1>
 */
export function useScreenHeading<T extends HTMLElement = HTMLHeadingElement>() {
  const heading = useRef<T>(null);
  useEffect(() => {
    const focused = document.activeElement;
    if (focused === null || focused === document.body) heading.current?.focus();
  }, []);
  return heading;
}
