import { z } from "zod";
import { withSectionDefault } from "./common-schemas.js";
import { requiredCheckListSchema } from "./merge-schema.js";

const readinessObjectSchema = z
  .object({
    required_checks: requiredCheckListSchema().describe(
      "Check runs or commit statuses that must be green on the default branch's head for Autopilot to be ready: while one is missing, pending or failing, new tasks are held (tasks already running carry on). They count as in `merge.required_checks`: a name counts a check run from any app, or a commit status unless one of `agent_accounts` or the app posted it; `{ name, app }` counts only a check run from that app (pin checks your agent's workflow could also report). A counted failure holds. Run your own readiness commands in CI (or `autopilot doctor` in a workflow) and list that job here: the app never runs commands itself.",
    ),
  })
  .strict();

/** `readiness:`: what must hold on the repository, besides what the app checks itself, before a task starts. */
export const readinessSchema = withSectionDefault(readinessObjectSchema).describe(
  "The readiness gate. Autopilot is on for the repository only while every critical readiness row passes: the configuration is valid, the agent can be started, protection lets the app keep its state, rulesets let tasks start and push on their branches, the app has the permissions it needs, CI on the default branch is not failing (a status one of `agent_accounts` posted does not count), and every check listed here is green. Otherwise new tasks are held, with the reason on the issue and the matrix on the dashboard.",
);
