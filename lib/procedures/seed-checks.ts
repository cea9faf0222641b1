// Checks of the seed library that need no database: its content as the schema reads it, and
// whether its placeholders, variables and demo values agree with each other (decision 033).
// seed.ts runs them before writing anything; the unit tests run them on the library as shipped.
import type { SeedProcedure, SeedServer, SeedVariable } from "@/prisma/seed/types";
import { contentPlaceholderProblems } from "./content-placeholders";
import { isVariableName, nameProblem, variableValueProblem } from "./placeholders";
import { ProcedureContentSchema } from "./schemas";

export function seedContentOf(procedure: SeedProcedure) {
  return ProcedureContentSchema.parse({
    slug: procedure.slug,
    title: procedure.title,
    cadence: procedure.cadence,
    roles: procedure.roles,
    smf: procedure.smf,
    relatedSmfs: procedure.relatedSmfs ?? [],
    purpose: procedure.purpose,
    body: procedure.body,
    items: procedure.items,
    tools: procedure.tools,
    references: procedure.references,
  });
}

export interface CheckedLibrary {
  servers: readonly SeedServer[];
  procedures: readonly SeedProcedure[];
  /** The variables the procedures' placeholders name; none when left out. */
  variables?: readonly SeedVariable[];
}

/**
 * What is wrong with the library itself, one sentence each naming the procedure, variable or
 * server: placeholders that name no field or variable of the library, variables with bad names or
 * values, demo values for variables that do not exist. Checked before anything is written.
 */
export function libraryProblems(library: CheckedLibrary): string[] {
  const variables = library.variables ?? [];
  const problems: string[] = [];
  const byName = new Map(variables.map((v) => [v.name, v]));
  for (const v of variables) {
    if (!isVariableName(v.name)) problems.push(`Variable "${v.name}": a name is a letter, then letters and digits.`);
    if (v.demoValue !== undefined) {
      const problem = v.scope === "ORGANISATION" ? variableValueProblem(v.kind, v.demoValue) : "only organisation variables have a value of their own";
      if (problem) problems.push(`Variable "${v.name}", demo value "${v.demoValue}": ${problem}`);
    }
  }
  const known = { serverVars: variables.filter((v) => v.scope === "SERVER").map((v) => v.name), orgVars: variables.filter((v) => v.scope === "ORGANISATION").map((v) => v.name) };
  for (const seed of library.procedures) {
    for (const p of contentPlaceholderProblems(seedContentOf(seed), known)) problems.push(`${seed.code} ${seed.title}, ${p.path.join(".")}: ${p.message}`);
  }
  for (const server of library.servers) {
    for (const group of server.storageGroups ?? []) {
      const problem = nameProblem(group, "A storage group name");
      if (problem) problems.push(`Demo server ${server.name}, storage group "${group}": ${problem}`);
    }
    for (const [name, value] of Object.entries(server.variables ?? {})) {
      const variable = byName.get(name);
      const problem = !variable || variable.scope !== "SERVER" ? "no per-server variable has this name" : variableValueProblem(variable.kind, value);
      if (problem) problems.push(`Demo server ${server.name}, variable ${name} = "${value}": ${problem}`);
    }
  }
  return problems;
}

