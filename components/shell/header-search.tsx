// The header's search box: a plain GET form to /search, so it works before the page's scripts
// load. The "/" key focuses it (search-shortcut.tsx finds it by data-search-input).
import Form from "next/form";
import { SEARCH_MAX_LENGTH } from "@/lib/search/limits";

export function HeaderSearch({ id, className = "", inputClassName = "" }: { id: string; className?: string; inputClassName?: string }) {
  return (
    // Client-side navigation without prefetching: the results page is only worth fetching on submit.
    <Form action="/search" prefetch={false} role="search" aria-label="Site search" className={`relative ${className}`}>
      <label htmlFor={id} className="sr-only">
        Search Opsbook
      </label>
      <input
        id={id}
        type="search"
        name="q"
        maxLength={SEARCH_MAX_LENGTH}
        autoComplete="off"
        enterKeyHint="search"
        aria-keyshortcuts="/"
        placeholder="Search"
        data-search-input=""
        className={`block w-full rounded-md py-1.5 pl-3 pr-8 text-sm ${inputClassName}`}
      />
      <kbd aria-hidden="true" className="pointer-events-none absolute right-2 top-1/2 -translate-y-1/2 rounded border border-current px-1 font-mono text-xs opacity-80">
        /
      </kbd>
    </Form>
  );
}
