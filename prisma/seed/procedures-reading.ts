// Reading pages of the library: as-needed procedures with no checklist and no schedule, read and
// acknowledged like any other procedure (A11). The content schema allows zero checklist items for
// as-needed procedures only (lib/procedures/schemas.ts).
import type { SeedProcedure } from "./types";
import { REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT } from "./references";

export const readingProcedures: SeedProcedure[] = [
  {
    code: "A11",
    slug: "how-this-team-runs-exchange-2007-with-mof",
    title: "How this team runs Exchange 2007 with MOF",
    cadence: "AS_NEEDED",
    roles: [],
    // Reading for new hires: bringing people up to the skills the service needs is Workforce
    // Management's work in the MOF 3.0 model.
    smf: "WORKFORCE_MANAGEMENT",
    purpose:
      "Explain, for someone new to the team, how the daily, weekly and monthly checks, incidents, changes and the management reviews fit together on the Microsoft Operations Framework, so that every procedure in Opsbook has an obvious place.",
    body: `This page has no checklist. Read it once when you join, and again when it changes; then confirm below that you have read and understood it.

## Why a framework at all

Exchange Server 2007 rarely fails all at once. It drifts: a queue grows, a log disk fills, a certificate ages, a backup quietly stops truncating logs. The team keeps ahead of the drift by doing the same documented work on a fixed rhythm and by writing down what it saw. The Microsoft Operations Framework (MOF) is the map that gives that work its shape. Microsoft's Exchange 2007 guidance describes the MOF process model; this library uses version 3.0 of it, the one current when Exchange 2007 shipped.

MOF 3.0 arranges operations in four quadrants that follow each other round a circle:

- **Changing** — new things enter the service under control: changes are requested, approved, built, tested and released.
- **Operating** — the service is run day by day: monitoring, administration, maintenance.
- **Supporting** — users are helped and broken service is restored.
- **Optimizing** — the service is measured and improved: service levels, capacity, availability, continuity, security, cost and skills.

Each quadrant holds several Service Management Functions (SMFs). Every procedure in Opsbook names one SMF as its main home, and may name others it touches. The [MOF map](/mof) shows every SMF, the procedures that sit in it, how reliably their runs were done over the last 30 days, and the SMFs no procedure covers yet.

## The daily round: Operating

The daily procedures (D1 to D16) are almost all Service Monitoring and Control, with Storage Management (backups, disk space), Security Administration (security logs, virus definitions) and Directory Services Administration (domain controllers) beside them. They are the heart of the portal: each is a run on Today, checked off item by item with the values you observed. A value outside its limit is a failure and is shown as an exception, even when the run is complete.

## The weekly and monthly rhythm: Operating into Optimizing

Weekly work mixes housekeeping in the Operating quadrant (archiving logs and data, public folder replication, protocol logs, online maintenance) with the first steps of Optimizing: SLA figures (W3), trends (W7) and mailbox usage (W11). Monthly work leans further towards Optimizing and Changing: capacity planning (M2), a disaster recovery test (M3), updates and service packs (M4), the ExBPA health check (M5) and certificates (M6).

## When something breaks: Supporting

A failed check is not the end of the story. Raise an incident from the run; the incident record is Incident Management in the Supporting quadrant. Restore service first, then record what happened. Repeated or serious incidents are looked at for their cause (Problem Management), and the weekly incident reports (W8) collect them. As-needed recovery procedures such as A3 (recover a mailbox), A7 (verify store integrity) and A10 (activate a standby copy) are the tools for that work.

## When something must change: Changing

Anything that alters the configuration and is not a standard procedure goes through a change record: it is requested, approved by a manager, carried out and then verified by a run of the procedure it affects. Checking for updates (W2) and maintaining hotfixes and service packs (M4) feed Release Management; offline defragmentation (A6) and store repair (A7) need an approved change and an outage before anyone starts.

## The management reviews: where the quadrants meet

MOF 3.0 places a management review at each turn of the circle. They are meetings where managers decide, not functions with checklists of their own:

- **Change Initiation Review**, from Optimizing into Changing: should this change go ahead at all?
- **Release Readiness Review**, from Changing into Operating: is the release, and is operations, ready?
- **Operations Review**, from Operating into Supporting: how did operations go, and what must be done about it? This team holds it at the weekly status meeting (W9), with the completion figures and exceptions from Opsbook in front of it.
- **Service Level Agreement Review**, from Supporting into Optimizing: did the service meet what was agreed, and what must improve?

## What this means for you

- Do the runs on Today in time and record what you actually saw; a missed run or a quiet exception hides drift.
- Raise an incident from a failed check rather than fixing it silently.
- Never change configuration outside a standard procedure without a change record.
- When you wonder why a procedure exists, open its place on the MOF map from the procedure's page.`,
    items: [],
    tools: [
      { tool: "checklist-and-team-procedure", purpose: "Every scheduled procedure is carried out and recorded as a run in Opsbook." },
      { tool: "service-desk-system", purpose: "Incidents and service requests are logged and tracked here and in Opsbook's incident records." },
      { tool: "change-control-process", purpose: "Changes outside a standard procedure are requested, approved and verified through a change record." },
      { tool: "operations-review-meeting", purpose: "The weekly status meeting (W9), this team's Operations Review." },
    ],
    references: [REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT],
  },
];
