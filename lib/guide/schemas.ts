import { z } from "zod";
import { CONFIRMABLE_STEPS } from "./steps";

/** "Looks right" on one of the settings steps. */
export const ConfirmStepSchema = z.object({
  step: z.enum(CONFIRMABLE_STEPS, { error: "Choose a step of the guide." }),
});

/** Dismissing the guide names it, so that an empty or stray form does nothing. */
export const DismissGuideSchema = z.object({
  guide: z.literal("first-run", { error: "Invalid request." }),
});
