// Every action of the app, by name: tests walk it to check that each one is guarded and audited.
import type { Permission } from "@/lib/auth/policy";
import type { ActionDefinition } from "./define";

export interface RegisteredAction {
  permission: Permission | "public";
  /** The definition, for tests that run every action with an explicit actor (null for special actions). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definition: ActionDefinition<any, unknown> | null;
}

export const actionRegistry = new Map<string, RegisteredAction>();

/** Registers an action that cannot use defineAction (e.g. first-admin setup, which has no user yet). */
export function registerAction(
  name: string,
  permission: Permission | "public",
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definition: ActionDefinition<any, unknown> | null = null,
): void {
  // Re-registration happens when a module is evaluated again (development reloads); the last wins.
  // Distinct actions sharing a name are caught by tests/unit/action-registry.test.ts.
  actionRegistry.set(name, { permission, definition });
}
