// A tiny history router: the path is the state, links push it, Back and Forward pop it.
import { type ReactNode, useSyncExternalStore } from 'react';

const routeListeners = new Set<() => void>();
function subscribe(fn: () => void) {
  routeListeners.add(fn);
  window.addEventListener('popstate', fn);
  return () => {
    routeListeners.delete(fn);
    window.removeEventListener('popstate', fn);
  };
}
export function navigate(to: string, replace = false) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  routeListeners.forEach((fn) => fn());
  window.scrollTo(0, 0);
}
export function useLocation() {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, location.origin);
  return { path: url.pathname, query: url.searchParams };
}
export function Link(props: { to: string; children: ReactNode; className?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a
      href={props.to}
      className={props.className}
      aria-current={props['aria-current']}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(props.to);
      }}
    >
      {props.children}
    </a>
  );
}
