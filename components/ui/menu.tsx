"use client";
// A disclosure menu built on <details>: it opens and closes without JavaScript, and the browser
// reports its expanded state to assistive technology. On top of that, the behaviour people expect
// of a menu: Escape closes it and puts focus back on its button, a click or tap anywhere else
// closes it, moving focus out of it closes it, following one of its links (or submitting a form
// in it) closes it, and opening one menu closes any other, so two panels never overlap.
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

const OPEN_MENUS = "details[data-menu][open]";

interface MenuProps {
  /** The content of the button (a <summary>); give it a text name, visible or sr-only. */
  summary: ReactNode;
  summaryClassName?: string;
  className?: string;
  /** The panel's classes; it carries "menu-panel" as well, which the header's focus ring reads. */
  panelClassName?: string;
  panelId?: string;
  /** Extra data attribute for callers that look the menu up (the phone navigation). */
  dataName?: string;
  children: ReactNode;
}

export function Menu({ summary, summaryClassName, className, panelClassName, panelId, dataName, children }: MenuProps) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  const shownAt = useRef(pathname);

  // A navigation elsewhere (link, back or forward) closes the menu; hydration does not (a menu
  // opened before the scripts ran stays open).
  useEffect(() => {
    if (shownAt.current === pathname) return;
    shownAt.current = pathname;
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const close = () => {
      details.open = false;
    };
    const onToggle = () => {
      if (!details.open) return;
      for (const other of document.querySelectorAll<HTMLDetailsElement>(OPEN_MENUS)) {
        if (other !== details) other.open = false;
      }
    };
    const onPointerDown = (event: PointerEvent) => {
      if (details.open && event.target instanceof Node && !details.contains(event.target)) close();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !details.open) return;
      close();
      details.querySelector("summary")?.focus();
    };
    const onFocusOut = (event: FocusEvent) => {
      // Only a move to a known element outside: a click on the panel's padding blurs to nothing.
      const next = event.relatedTarget;
      if (details.open && next instanceof Node && !details.contains(next)) close();
    };
    const onActivate = (event: Event) => {
      // A link to the page already shown (or a search from the search page) changes no pathname.
      if (event.type === "submit" || (event.target instanceof Element && event.target.closest("a[href]"))) close();
    };
    details.addEventListener("toggle", onToggle);
    details.addEventListener("focusout", onFocusOut);
    details.addEventListener("click", onActivate);
    details.addEventListener("submit", onActivate);
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      details.removeEventListener("toggle", onToggle);
      details.removeEventListener("focusout", onFocusOut);
      details.removeEventListener("click", onActivate);
      details.removeEventListener("submit", onActivate);
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  return (
    <details ref={ref} data-menu="" data-menu-name={dataName} className={className}>
      <summary className={`cursor-pointer list-none [&::-webkit-details-marker]:hidden ${summaryClassName ?? ""}`}>{summary}</summary>
      <div id={panelId} className={`menu-panel ${panelClassName ?? ""}`}>
        {children}
      </div>
    </details>
  );
}
