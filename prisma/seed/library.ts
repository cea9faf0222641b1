// Entry point of the seed library: tools, demo servers, the variables commands name, and every
// operations procedure.
import type { SeedProcedure } from "./types";
import { dailyProcedures } from "./procedures-daily";
import { weeklyProcedures } from "./procedures-weekly";
import { monthlyProcedures } from "./procedures-monthly";
import { asNeededProcedures } from "./procedures-as-needed";
import { readingProcedures } from "./procedures-reading";

export { seedTools } from "./tools";
export { seedServers } from "./servers";
export { seedVariables } from "./variables";

export const seedProcedures: SeedProcedure[] = [
  ...dailyProcedures,
  ...weeklyProcedures,
  ...monthlyProcedures,
  ...asNeededProcedures,
  ...readingProcedures,
];
