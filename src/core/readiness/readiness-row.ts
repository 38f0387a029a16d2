import type { DoctorCheck } from "../doctor/index.js";

/** Who or what a readiness row concerns: the repository's setup, the coding agent, or Autopilot's app. */
export type ReadinessPrincipal = "repository" | "agent" | "app";

/** `fail` holds new tasks; `warn` is shown and holds nothing (what doctor also only warns about). */
export type ReadinessResult = DoctorCheck["result"];

/** One row of the readiness matrix. */
export interface ReadinessRow {
  /** stable key the record of `since` is kept under: `config`, `agent`, `protection`, `task-branches`, `permissions`, `ci`, `check:<name>` */
  id: string;
  /** what was checked, as doctor names it */
  check: string;
  principal: ReadinessPrincipal;
  /** what passing means */
  expected: string;
  result: ReadinessResult;
  /** what was found, and what to do about it */
  detail: string;
}

/** A row with the time its result last changed. */
export interface DatedReadinessRow extends ReadinessRow {
  since: string;
}

/** A doctor judgement as a readiness row. */
export const rowOf = (
  id: string,
  principal: ReadinessPrincipal,
  expected: string,
  judged: DoctorCheck,
): ReadinessRow => ({ id, check: judged.check, principal, expected, result: judged.result, detail: judged.advice });
