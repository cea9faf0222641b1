// Walks every action the app registers and runs it once with valid input: each must succeed and
// write exactly one audit event. A new action without a sample (tests/support/action-samples.ts)
// fails the first test.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { actionRegistry, runAction } from "@/lib/actions/define";
import { verifyAuditChain } from "@/lib/audit/verify";
import { as } from "../support/fixtures";
import { ACTION_SAMPLES, importActionModules, sampleContext, type SampleContext } from "../support/action-samples";

let ctx: SampleContext;

beforeAll(async () => {
  await importActionModules();
  ctx = await sampleContext();
});

describe("every action is audited", () => {
  it("has a sample for every registered action (setup is covered by its own tests)", () => {
    const registered = [...actionRegistry.keys()].filter((n) => n !== "setup.create_first_admin").sort();
    expect(ACTION_SAMPLES.map(([name]) => name).sort()).toEqual(registered);
  });

  it("writes exactly one audit event for each successful action, naming the actor, and keeps the chain intact", async () => {
    for (const [name, role, sample] of ACTION_SAMPLES) {
      const definition = actionRegistry.get(name)!.definition!;
      const actor = ctx[role];
      const input = await sample(ctx);
      const before = await db.auditEvent.count();
      const result = await runAction(definition, input, as(actor));
      expect(result, `${name}: ${JSON.stringify(result)}`).toMatchObject({ ok: true });
      const events = await db.auditEvent.findMany({ where: { seq: { gt: before } } });
      // Schedule changes also generate runs afterwards, each with its own run.generate event.
      const own = events.filter((e) => e.action !== "run.generate");
      expect(own, name).toHaveLength(1);
      expect(own[0]!.actorId, name).toBe(actor.id);
    }
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
