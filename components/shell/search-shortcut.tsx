"use client";
// "/" anywhere outside a text field jumps to the search box: the header's on a wide screen, the one
// in the phone menu (opened for it) on a narrow one.
import { useEffect } from "react";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])") !== null;
}

function isShown(element: HTMLElement): boolean {
  return typeof element.checkVisibility === "function" ? element.checkVisibility() : element.getClientRects().length > 0;
}

export function SearchShortcut() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isTyping(event.target)) return;
      let box = [...document.querySelectorAll<HTMLInputElement>("input[data-search-input]")].find(isShown);
      if (!box) {
        const menu = document.querySelector<HTMLDetailsElement>("details[data-menu-name='phone-nav']");
        if (!menu || !isShown(menu)) return;
        menu.open = true;
        box = menu.querySelector<HTMLInputElement>("input[data-search-input]") ?? undefined;
      }
      if (!box) return;
      // Without this the "/" itself would be typed into the box.
      event.preventDefault();
      box.focus();
      box.select();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
  return null;
}
