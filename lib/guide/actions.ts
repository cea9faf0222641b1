"use server";
// The first-run guide's own changes: an administrator confirms a settings step as it stands, or
// dismisses the guide. Both live in the organisation's settings row and are audited against it.
import { defineAction } from "@/lib/actions/define";
import { Conflict } from "@/lib/actions/errors";
import { ConfirmStepSchema, DismissGuideSchema } from "./schemas";
import { guideSteps, parseConfirmed, withConfirmed } from "./steps";
import { readGuideFacts } from "./queries";

const GUIDE_PATHS = ["/dashboard"];

export const confirmGuideStepAction = defineAction({
  name: "guide.confirm_step",
  permission: "settings:manage",
  revalidate: GUIDE_PATHS,
  schema: ConfirmStepSchema,
  async handler(input, { tx, now }) {
    const row = (await tx.organisationSettings.findUnique({ where: { id: 1 }, select: { guideSteps: true } })) ?? (await tx.organisationSettings.create({ data: { id: 1 }, select: { guideSteps: true } }));
    const title = guideSteps(await readGuideFacts(tx)).find((s) => s.step === input.step)!.title;
    if (parseConfirmed(row.guideSteps)[input.step]) throw new Conflict(`${title} is already marked done.`);
    const after = withConfirmed(row.guideSteps, input.step, now);
    await tx.organisationSettings.update({ where: { id: 1 }, data: { guideSteps: after } });
    return {
      // The step and its instant as fields of their own, so the audit log shows them as such.
      audit: { action: "guide.confirm_step", entityType: "OrganisationSettings", entityId: "1", after: { step: input.step, confirmedAt: now } },
      message: `Marked done: ${title}.`,
    };
  },
});

export const dismissGuideAction = defineAction({
  name: "guide.dismiss",
  permission: "settings:manage",
  revalidate: GUIDE_PATHS,
  schema: DismissGuideSchema,
  async handler(_input, { tx, now }) {
    const row = (await tx.organisationSettings.findUnique({ where: { id: 1 }, select: { guideDismissedAt: true } })) ?? (await tx.organisationSettings.create({ data: { id: 1 }, select: { guideDismissedAt: true } }));
    if (row.guideDismissedAt) throw new Conflict("The first-run guide is already dismissed.");
    const facts = await readGuideFacts(tx);
    const open = guideSteps(facts).filter((s) => !s.done).map((s) => s.step);
    await tx.organisationSettings.update({ where: { id: 1 }, data: { guideDismissedAt: now } });
    return {
      audit: { action: "guide.dismiss", entityType: "OrganisationSettings", entityId: "1", after: { guideDismissedAt: now, stepsOpen: open } },
      message: "The first-run guide is dismissed. Everything it pointed to stays under Manage.",
    };
  },
});
