// Prose with placeholders filled in (item text, guidance, counter paths): values as they are, and a
// placeholder without a value as a chip that reads ‹name›. With a null context (a reading without
// a server) every placeholder is a chip.
import { renderText, type PlaceholderContext } from "@/lib/procedures/placeholders";

/** A value not set for this server (or a reading without a server): ‹server›. */
export function MissingChip({ label, tone = "light" }: { label: string; tone?: "light" | "dark" }) {
  return (
    <span
      title={`Not set for this server: fill in ${label}`}
      className={`rounded px-1 font-sans ${tone === "dark" ? "bg-amber-200 text-amber-950" : "bg-amber-100 text-amber-950"}`}
    >
      ‹{label}›
    </span>
  );
}

export function PlaceholderText({ text, context }: { text: string; context: PlaceholderContext | null }) {
  if (!text.includes("{{")) return <>{text}</>;
  return (
    <>
      {renderText(text, context).map((s, i) => (s.kind === "missing" ? <MissingChip key={i} label={s.label} /> : <span key={i}>{s.text}</span>))}
    </>
  );
}
