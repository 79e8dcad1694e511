import { useEffect, useRef } from 'react';

/**
 * Opens a `<dialog>` while it is mounted, modal for the call but not for the page: everything
 * beside it in the call screen is inert, yet the header stays usable, because "Schnell
 * verlassen" must work at every moment (a true modal dialog would make it inert too).
 * Escape answers with `onCancel` (so the caller decides where focus goes); it closes when
 * unmounted.
 */
export function useModal(onCancel: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef(onCancel);
  useEffect(() => {
    cancel.current = onCancel;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.setAttribute('open', '');
    const behind = [...(dialog.parentElement?.children ?? [])].filter(
      (element): element is HTMLElement =>
        element !== dialog && element instanceof HTMLElement && !element.inert,
    );
    for (const element of behind) element.inert = true;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      cancel.current();
    };
    dialog.addEventListener('keydown', onKeyDown);
    return () => {
      dialog.removeEventListener('keydown', onKeyDown);
      for (const element of behind) element.inert = false;
      if (dialog.open) dialog.close();
    };
  }, []);
  return ref;
}
