import type { DoctorCheck } from "./judge-workflow.js";

/**
 * Whether the agent `dispatch.handle` names answers a mention made by Autopilot's bot, as the
 * agents' own documentation says: Copilot's coding agent starts only from a person's assignment,
 * OpenHands' resolver answers only owners, members and collaborators, claude-code-action only
 * bots its `allowed_bots` lists.
 */
export function judgeMention(handle: string): DoctorCheck {
  const check = `dispatch mention ${handle}`;
  const name = handle.replace(/^@/, "").toLowerCase();
  if (name === "copilot" || name.startsWith("copilot-swe-agent")) {
    return {
      check,
      result: "fail",
      advice:
        "Copilot's coding agent does not start from a mention by an app: GitHub starts it only when a person " +
        "assigns it the issue (in the web UI, or through the API with a user token, never an installation " +
        "token). Set `dispatch.target: none` and have a person assign the task's issue to Copilot, with the " +
        'task branch as base branch (docs/agents/README.md, "Copilot\'s coding agent")',
    };
  }
  if (name === "openhands-agent" || name === "openhands") {
    return {
      check,
      result: "fail",
      advice:
        "OpenHands' resolver workflow answers its macro only in comments by an owner, member or collaborator, " +
        "never Autopilot's bot. Use `dispatch.target: workflow_dispatch` with docs/agents/openhands.yml",
    };
  }
  if (name === "claude") {
    return {
      check,
      result: "warn",
      advice:
        "claude-code-action refuses a run a bot started unless its `allowed_bots` input lists the bot: set it " +
        "to Autopilot's `<app-slug>[bot]` in the workflow that answers @claude, or use " +
        "`dispatch.target: workflow_dispatch` with docs/agents/claude-code.yml",
    };
  }
  return {
    check,
    result: "ok",
    advice: `Autopilot's bot mentions ${handle} in the draft PR: the agent must answer mentions made by a bot`,
  };
}
