import { useEffect } from "react";

/**
 * Marks the document as interactive for a screen (`<html data-ready="about">`) once its data is shown.
 * Browser tests wait for it and the tab benchmark measures time-to-interactive up to it.
 */
export function useReadyMarker(screen: string, ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const root = document.documentElement;
    root.setAttribute("data-ready", screen);
    return () => {
      if (root.getAttribute("data-ready") === screen) root.removeAttribute("data-ready");
    };
  }, [screen, ready]);
}
