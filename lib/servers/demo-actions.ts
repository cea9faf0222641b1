"use server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define";
import { asArray } from "@/lib/actions/form-data";
import { IdSchema } from "@/lib/users/schemas";
import { retireDemoServers } from "./demo";

/** The demo servers the page listed; a handful, so a generous bound. */
const MAX_DEMO_SERVERS = 50;

const RetireDemoServersSchema = z.object({
  serverIds: z.preprocess(
    asArray,
    z.array(IdSchema, { error: "Choose the demo servers to retire." }).min(1, "There is no demo server to retire.").max(MAX_DEMO_SERVERS, `At most ${MAX_DEMO_SERVERS} servers at once.`),
  ),
});

export const retireDemoServersAction = defineAction({
  name: "server.retire_demo",
  permission: "server:manage",
  revalidate: ["/admin/servers", "/dashboard", "/today", "/schedule"],
  schema: RetireDemoServersSchema,
  async handler(input, { tx, now }) {
    const retired = await retireDemoServers(tx, input.serverIds, now);
    const runs = retired.reduce((n, s) => n + s.withdrawnRunIds.length, 0);
    const names = retired.map((s) => s.name);
    return {
      audit: { action: "server.retire_demo", entityType: "ServerInventory", entityId: "demo", after: { servers: retired } },
      message: `${names.length} demo ${names.length === 1 ? "server" : "servers"} retired (${names.join(", ")}). ${runs === 0 ? "No future run had to be withdrawn" : `${runs} untouched future ${runs === 1 ? "run was" : "runs were"} withdrawn`}; past runs and runs with results stay.`,
    };
  },
});
