// Kept for the forms written before the kit moved to components/ui/form-field.tsx.
import { ActionAlert } from "@/components/ui/alert";

export { Field } from "@/components/ui/form-field";

export function FormMessage({ state }: { state: { ok: boolean; message?: string; error?: string } | null }) {
  return <ActionAlert state={state} />;
}
