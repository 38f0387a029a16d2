import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig } from "../../src/config/index.js";

const dir = join(import.meta.dirname, "../../docs/agents");
const workflows = readdirSync(dir).filter((name) => name.endsWith(".yml") && !name.endsWith(".autopilot.yml"));

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

/**
 * The inputs each action the workflows use declares in its action.yml (claude-code-action at
 * 24dcd50, codex-action at 9cdb6f3, create-github-app-token at 7989d20): an input an action does
 * not declare is ignored with only a warning, so a misspelt `allowed_bots` would silently refuse.
 */
const actionInputs: Record<string, RegExp> = {
  "anthropics/claude-code-action":
    /^(trigger_phrase|assignee_trigger|label_trigger|base_branch|branch_prefix|branch_name_template|allowed_bots|allowed_non_write_users|include_comments_by_actor|exclude_comments_by_actor|prompt|settings|anthropic_api_key|claude_code_oauth_token|github_token|use_bedrock|use_vertex|use_foundry|claude_args|additional_permissions|use_sticky_comment|use_commit_signing|ssh_signing_key|bot_id|bot_name|track_progress|display_report|show_full_output|plugins|plugin_marketplaces)$/,
  "openai/codex-action":
    /^(prompt|prompt-file|output-file|openai-api-key|responses-api-endpoint|working-directory|sandbox|codex-version|codex-args|output-schema|output-schema-file|model|effort|codex-home|safety-strategy|codex-user|allow-users|allow-bots|allow-bot-users)$/,
  "actions/create-github-app-token":
    /^(client-id|app-id|private-key|owner|repositories|skip-token-revoke|github-api-url|permission-[a-z-]+)$/,
};

/** The ready-to-copy agent workflows and the `dispatch:` each is documented with fit together. */
describe.each(workflows)("docs/agents/%s", (name) => {
  const workflow = parse(readFileSync(join(dir, name), "utf8")) as {
    on: { workflow_dispatch?: { inputs?: Record<string, { required?: boolean; default?: unknown }> } };
    jobs: Record<string, { steps: Step[] }>;
  };
  const configText = readFileSync(join(dir, name.replace(/\.yml$/, ".autopilot.yml")), "utf8");
  const parsed = parseConfig(configText);

  it("is dispatchable, and its configuration is valid", () => {
    expect(workflow.on.workflow_dispatch).toBeDefined();
    expect(parsed.ok ? [] : parsed).toEqual([]);
  });

  it("declares every input Autopilot sends, and Autopilot sends every required one", () => {
    if (!parsed.ok || parsed.config.dispatch.target !== "workflow_dispatch")
      throw new Error("expected a workflow_dispatch configuration");
    const declared = workflow.on.workflow_dispatch?.inputs ?? {};
    const sent = Object.keys(parsed.config.dispatch.inputs ?? {});
    expect(sent.filter((input) => !(input in declared))).toEqual([]);
    const required = Object.entries(declared).filter(
      ([, input]) => input.required === true && input.default === undefined,
    );
    expect(required.map(([input]) => input).filter((input) => !sent.includes(input))).toEqual([]);
  });

  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  it("pushes and marks the PR ready with an app token, never the Actions GITHUB_TOKEN", () => {
    expect(steps.some((step) => step.uses?.startsWith("actions/create-github-app-token@"))).toBe(true);
    const text = readFileSync(join(dir, name), "utf8");
    expect(text).not.toMatch(/secrets\.GITHUB_TOKEN|github\.token/);
    expect(steps.some((step) => /\bgh pr ready\b/.test(step.run ?? ""))).toBe(true);
    expect(steps.some((step) => /\bgit push\b/.test(step.run ?? ""))).toBe(true);
  });

  // claude-code-action and codex-action refuse a run a bot started unless it is listed; OpenHands'
  // resolver, run as a module, has no actor gate (its example workflow's member check is an `if:`)
  const gatedActions = steps.filter((step) =>
    /^(anthropics\/claude-code-action|openai\/codex-action)@/.test(step.uses ?? ""),
  );
  it.runIf(gatedActions.length > 0)("lets Autopilot's bot start the agent action", () => {
    const allowsAutopilot = (step: Step) =>
      Object.entries(step.with ?? {}).some(
        ([key, value]) => /allow/.test(key) && String(value).includes("AUTOPILOT_BOT_LOGIN"),
      );
    expect(gatedActions.every(allowsAutopilot)).toBe(true);
  });

  it("runs an agent this contract knows", () => {
    const agent = steps.some(
      (step) => gatedActions.includes(step) || /python -m openhands\.resolver\.resolve_issue/.test(step.run ?? ""),
    );
    expect(agent).toBe(true);
  });

  it("passes each action only inputs its action.yml declares", () => {
    const unknown = steps.flatMap((step) => {
      const pattern = actionInputs[(step.uses ?? "").split("@")[0]!];
      return pattern
        ? Object.keys(step.with ?? {})
            .filter((input) => !pattern.test(input))
            .map((input) => `${step.uses}: ${input}`)
        : [];
    });
    expect(unknown).toEqual([]);
  });

  it("checks the Task: trailer before pushing", () => {
    const names = steps.map((step) => step.run ?? "");
    const check = names.findIndex((run) => run.includes("trailers:key=Task"));
    const push = names.findIndex((run) => /\bgit push\b/.test(run));
    expect(check).toBeGreaterThanOrEqual(0);
    expect(check).toBeLessThan(push);
  });

  it("never expands an input inside a shell script (script injection)", () => {
    for (const step of steps) expect(step.run ?? "").not.toMatch(/\$\{\{/);
  });
});

/** The repository's own agent is the documented one, and its own configuration fits it. */
describe("Autopilot's own .github/workflows/agent.yml", () => {
  const root = join(import.meta.dirname, "../..");
  const body = (text: string) => text.replace(/^(#.*\n)+/, "");

  it("is docs/agents/claude-code.yml, and .github/autopilot.yml sends exactly its inputs", () => {
    const own = readFileSync(join(root, ".github/workflows/agent.yml"), "utf8");
    expect(body(own)).toBe(body(readFileSync(join(dir, "claude-code.yml"), "utf8")));
    const parsed = parseConfig(readFileSync(join(root, ".github/autopilot.yml"), "utf8"));
    if (!parsed.ok || parsed.config.dispatch.target !== "workflow_dispatch")
      throw new Error("expected a workflow_dispatch configuration");
    expect(parsed.config.dispatch.workflow).toBe("agent.yml");
    const declared = (parse(own) as { on: { workflow_dispatch: { inputs: object } } }).on.workflow_dispatch.inputs;
    expect(Object.keys(parsed.config.dispatch.inputs ?? {}).sort()).toEqual(Object.keys(declared).sort());
  });
});
