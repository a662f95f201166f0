import { useEffect } from "react";
import { useLocation } from "react-router-dom";

/** Scrolls to the element the URL's #fragment names once `ready` (after the content loaded). */
export function useHashScroll(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.scrollIntoView();
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }, [ready, hash]);
}
