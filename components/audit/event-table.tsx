// A page of audit events: who (by name), what they did (in words), to which record (by what it
// is, linked), and which fields changed. The stored codes and JSON stay in each row's "Raw".
import Link from "next/link";
import { TBody, THead, Table, Td, Th } from "@/components/ui/table";
import type { EventView } from "@/lib/audit/describe";
import { FieldChanges } from "./field-changes";

function EventRow({ event, inTimeline }: { event: EventView; inTimeline: boolean }) {
  const { actor, record } = event;
  return (
    <tr data-testid="audit-row">
      <Td className="whitespace-nowrap text-xs text-slate-600">#{event.seq}</Td>
      <Td className="whitespace-nowrap">{event.at}</Td>
      <Td data-testid="audit-actor">
        {actor.name}
        {actor.detail && <span className="block text-xs text-slate-600">{actor.detail}</span>}
      </Td>
      <Td>{event.action.label}</Td>
      <Td className="max-w-72">
        {record.href ? (
          <Link href={record.href} className="text-brand-700 underline">
            {record.label}
          </Link>
        ) : (
          <span className={record.unknown ? "break-all text-slate-600" : undefined}>{record.label}</span>
        )}
        {!inTimeline && (
          <Link href={record.timelineHref} className="block text-xs text-brand-700 underline" aria-label={`Timeline of ${record.label}`}>
            timeline
          </Link>
        )}
      </Td>
      <Td>
        <FieldChanges event={event} />
      </Td>
    </tr>
  );
}

export function AuditEventTable({ events, inTimeline }: { events: EventView[]; inTimeline: boolean }) {
  return (
    <Table caption="Audit events" captionHidden>
      <THead>
        <tr>
          <Th>#</Th>
          <Th>When</Th>
          <Th>Who</Th>
          <Th>Action</Th>
          <Th>Record</Th>
          <Th>Changes</Th>
        </tr>
      </THead>
      <TBody>
        {events.map((e) => (
          <EventRow key={e.seq} event={e} inTimeline={inTimeline} />
        ))}
      </TBody>
    </Table>
  );
}
