// Confirmations: the modal dialog, and the state of "confirm, then act on this item".
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { ApiError } from '../api';
import { FormAlert } from './forms';
import { useAction } from './load';

/** A modal confirmation built on <dialog>: focus is trapped and Escape cancels. */
export function ConfirmDialog(p: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  confirmDisabled?: boolean;
  error?: ApiError | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (p.open && !d.open) d.showModal();
    if (!p.open && d.open) d.close();
  }, [p.open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); p.onCancel(); }}>
      <h2 id={titleId}>{p.title}</h2>
      {p.children}
      <FormAlert error={p.error ?? null} />
      <div className="actions">
        <button type="button" className="danger" disabled={p.busy || p.confirmDisabled} onClick={p.onConfirm}>
          {p.busy ? 'Working…' : p.confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={p.onCancel} disabled={p.busy}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}

/**
 * "Delete this one?": which item the dialog asks about (`ask(item)` opens it), and the action run
 * on it when confirmed; the dialog closes when the action succeeds and shows its error otherwise.
 * Spread `dialog` into a ConfirmDialog.
 */
export function useConfirm<T>(act: (item: T) => Promise<void>) {
  const [item, setItem] = useState<T | null>(null);
  const { busy, error, run } = useAction();
  const dialog = {
    open: item !== null,
    busy,
    error,
    onCancel: () => setItem(null),
    onConfirm: () =>
      void run(async () => {
        await act(item!);
        setItem(null);
      }),
  };
  return { item, ask: setItem, dialog };
}
