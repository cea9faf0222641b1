"use client";
// The run page's one keyboard controller: moves between items, records by key through each item's
// own buttons (so a key does exactly what the click does), and shows the keys in a dialog. Items
// are found in the DOM by data-testid="run-item"; the controller keeps no copy of the checklist.
import { useEffect, useRef } from "react";
import { RUN_KEYS, runKeyAction } from "@/components/runs/keys";
import { ITEM_SAVED_EVENT } from "@/components/runs/item-recorder";

const OUTCOME = { pass: "PASS", fail: "FAIL", na: "NOT_APPLICABLE" } as const;

export function RunKeyboard({ listId }: { listId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const items = () => [...document.querySelectorAll<HTMLElement>(`#${listId} [data-testid="run-item"]`)];
    let current = -1;
    const mark = (list: HTMLElement[], index: number) => {
      current = index;
      list.forEach((el, i) => el.toggleAttribute("data-current", i === index));
    };
    const focusItem = (index: number) => {
      const list = items();
      if (list.length === 0) return;
      const i = Math.max(0, Math.min(list.length - 1, index));
      mark(list, i);
      list[i]!.focus({ preventScroll: true });
      list[i]!.scrollIntoView({ block: "nearest" });
    };
    const firstOpen = (list: HTMLElement[], after = -1) => list.findIndex((el, i) => i > after && !el.hasAttribute("data-done"));
    /** The next open item after `i`, else the first open one before it, else -1. */
    const nextOpen = (list: HTMLElement[], i: number) => {
      const after = firstOpen(list, i);
      return after >= 0 ? after : list.findIndex((el, j) => j !== i && !el.hasAttribute("data-done"));
    };
    const activeIndex = (list: HTMLElement[]) => {
      const i = list.findIndex((el) => el.contains(document.activeElement));
      return i >= 0 ? i : current < list.length ? current : -1;
    };
    // After a render: Change opens the item's form, then the field or button can take the focus.
    const later = (work: () => void) => requestAnimationFrame(() => requestAnimationFrame(work));

    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || dialog.current?.open) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = runKeyAction({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, shiftKey: event.shiftKey, target });
      if (!action) return;
      const list = items();
      if (action === "help") {
        event.preventDefault();
        dialog.current?.showModal();
        return;
      }
      const at = activeIndex(list);
      if (action === "leave") {
        if (at >= 0 && target && list[at]!.contains(target)) {
          event.preventDefault();
          focusItem(at);
        }
        return;
      }
      if (list.length === 0) return;
      event.preventDefault();
      if (action === "next") return focusItem(at < 0 ? Math.max(0, firstOpen(list)) : at + 1);
      if (action === "previous") return focusItem(at < 0 ? 0 : at - 1);
      if (at < 0) return focusItem(Math.max(0, firstOpen(list)));
      const item = list[at]!;
      const change = item.querySelector<HTMLButtonElement>("button[data-change]");
      const form = item.querySelector("form");
      if (!form) {
        // A done item: open Change, then put the focus where the key points (Enter saves).
        if (!change) return;
        change.click();
        later(() => {
          const again = items()[at];
          const focus = action === "value" ? again?.querySelector<HTMLElement>("[name=value]") : again?.querySelector<HTMLElement>(`button[name=outcome][value=${OUTCOME[action]}]`);
          focus?.focus();
        });
        return;
      }
      const value = form.querySelector<HTMLInputElement | HTMLSelectElement>("[name=value]");
      if (action === "value") return value?.focus();
      // A value item without its value: the field first (Enter then saves it as a pass).
      if (value && value.value.trim() === "" && action !== "na") return value.focus();
      form.querySelector<HTMLButtonElement>(`button[name=outcome][value=${OUTCOME[action]}]`)?.click();
      // On to the next open item at once, so the next key never lands on this one while it saves;
      // a refusal brings the focus back to the field it is about.
      const next = nextOpen(items(), at);
      if (next >= 0) focusItem(next);
    };

    const onFocusIn = (event: FocusEvent) => {
      const list = items();
      const i = list.findIndex((el) => el.contains(event.target as Node));
      if (i >= 0 && i !== current) mark(list, i);
    };

    // A save moves on to the next open item, unless the user has gone elsewhere meanwhile; after
    // the last one, to the link to the next run of the shift.
    const onSaved = (event: Event) => {
      const list = items();
      const i = list.indexOf(event.target as HTMLElement);
      if (i < 0) return;
      const active = document.activeElement;
      if (active && active !== document.body && !list[i]!.contains(active)) return;
      const next = nextOpen(list, i);
      if (next >= 0) return focusItem(next);
      later(() => document.querySelector<HTMLElement>("[data-next-run]")?.focus());
    };

    document.addEventListener("keydown", onKey);
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener(ITEM_SAVED_EVENT, onSaved);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener(ITEM_SAVED_EVENT, onSaved);
    };
  }, [listId]);

  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="no-print whitespace-nowrap rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50"
        aria-haspopup="dialog"
      >
        Keys <kbd className="font-mono">?</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${listId}-keys`}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <h2 id={`${listId}-keys`} className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <p className="mt-1 text-sm text-slate-600">They work when you are not typing in a field. On a done item, p, f, n and v open Change.</p>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {RUN_KEYS.map((k) => (
            <div key={k.does} className="contents">
              <dt className="whitespace-nowrap">
                {k.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && " or "}
                    <kbd className="rounded border border-slate-300 bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{key}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{k.does}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog" className="mt-4 text-right">
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
