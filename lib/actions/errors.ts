// Typed failures that any mutation may raise; the action wrapper turns them into messages.
export class ActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
/** The record does not exist, or the user may not see it (both answer the same). */
export class NotFound extends ActionError {}
export class Forbidden extends ActionError {}
/** The request conflicts with the current state (duplicate, stale edit, wrong workflow step). */
export class Conflict extends ActionError {}
/** Input that passed the schema but breaks a rule that needs the database to check. */
export class Invalid extends ActionError {}
