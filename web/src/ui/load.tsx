// Requests as component state: an action with its busy flag and error, data loaded with its
// loading and error states, and how those states look.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'client_error', e instanceof Error ? e.message : String(e));
      if (mounted.current) setError(err);
      return undefined;
    } finally {
      if (mounted.current) setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

/** Loads data on mount and when `deps` change; `reload()` fetches again. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    fn().then(
      (d) => {
        if (live) {
          setData(d);
          setLoading(false);
        }
      },
      (e) => {
        if (live) {
          setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e)));
          setLoading(false);
        }
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { data, setData, error, loading, reload: () => setTick((t) => t + 1) };
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

/**
 * The loading, error and empty states every loaded view shows, in one place. `empty` is shown
 * when the result is a list page with no rows.
 */
export function LoadState({ of, what, empty }: { of: { loading: boolean; error: ApiError | null; data?: unknown; reload: () => void }; what: string; empty?: string }) {
  const rows = (of.data as { data?: unknown[] } | undefined)?.data;
  return (
    <>
      {of.loading && <Loading what={what} />}
      {of.error && <LoadError error={of.error} retry={of.reload} />}
      {empty !== undefined && rows && rows.length === 0 && <p className="empty">{empty}</p>}
    </>
  );
}

/** Only a failure that trying again can mend: the vault unreachable, a 5xx, or a rate limit. */
export function retryable(error: ApiError): boolean {
  return error.code === 'network_error' || error.status >= 500 || error.status === 429;
}

/** The error, and a Retry button only where retrying can help (never for a 404 or a 403). */
export function LoadError({ error, retry }: { error: ApiError; retry?: () => void }) {
  return (
    <div role="alert" className="alert">
      {error.message}{' '}
      {retry && retryable(error) && (
        <button type="button" className="link" onClick={retry}>
          Retry
        </button>
      )}
    </div>
  );
}
