import type { ComponentProps } from "react";

/**
 * A select whose shown option follows `defaultValue` when the page renders again with a saved
 * value. React applies a select's default only when it mounts, and resets a form to the mounted
 * defaults after a successful action: without remounting, a select would show (and the next save
 * would send) the first option or the value it was first rendered with, not the one just saved.
 */
export function Select({ defaultValue, ...props }: ComponentProps<"select">) {
  return <select key={Array.isArray(defaultValue) ? defaultValue.join("\u0000") : String(defaultValue ?? "")} defaultValue={defaultValue} {...props} />;
}
