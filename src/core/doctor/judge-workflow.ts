import { parse } from "yaml";

/** One row of `autopilot doctor`: what was checked, how it went, and what to do about it. */
export interface DoctorCheck {
  check: string;
  result: "ok" | "warn" | "fail";
  advice: string;
}

export interface WorkflowExpectation {
  /** Path of the workflow file in the repository, e.g. `.github/workflows/agent.yml`. */
  path: string;
  /** Names of the inputs the configuration sends (`dispatch.inputs` keys). */
  sentInputs: readonly string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The `workflow_dispatch` trigger of a workflow's `on:`, `undefined` when it has none. */
function dispatchTrigger(on: unknown): Record<string, unknown> | undefined {
  if (on === "workflow_dispatch") return {};
  if (Array.isArray(on)) return on.includes("workflow_dispatch") ? {} : undefined;
  if (isRecord(on) && "workflow_dispatch" in on) {
    const trigger = on.workflow_dispatch;
    return isRecord(trigger) ? trigger : {};
  }
  return undefined;
}

/**
 * Whether a workflow file can be started the way the configuration starts it: it parses, declares
 * `on: workflow_dispatch`, declares every input the configuration sends, and requires no input the
 * configuration leaves out (GitHub answers 422 to a dispatch with an unknown or a missing input).
 */
export function judgeWorkflow(text: string, expected: WorkflowExpectation): DoctorCheck {
  const check = `workflow ${expected.path}`;
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    return { check, result: "fail", advice: `${expected.path} is not valid YAML: ${reason}` };
  }
  if (!isRecord(document)) {
    const advice = `${expected.path} is not a workflow: it must be a YAML mapping with \`on:\` and \`jobs:\``;
    return { check, result: "fail", advice };
  }
  // YAML 1.1 readers turn a bare `on` key into `true`; the `yaml` package keeps "on", but accept both
  const trigger = dispatchTrigger(document.on ?? document.true);
  if (trigger === undefined) {
    return {
      check,
      result: "fail",
      advice:
        `${expected.path} has no \`workflow_dispatch\` trigger, so GitHub refuses to start it: ` +
        "add `workflow_dispatch:` under `on:`",
    };
  }
  const declared = isRecord(trigger.inputs) ? trigger.inputs : {};
  const sent = new Set(expected.sentInputs);
  const undeclared = expected.sentInputs.filter((name) => !(name in declared));
  const requiredMissing = Object.entries(declared)
    .filter(([name, input]) => !sent.has(name) && isRecord(input) && input.required === true)
    .filter(([, input]) => isRecord(input) && input.default === undefined)
    .map(([name]) => name);
  const problems: string[] = [];
  if (undeclared.length) {
    const them = pronoun(undeclared);
    problems.push(
      `the configuration sends ${list(undeclared)} but ${expected.path} does not declare ${them}: ` +
        `add ${them} under \`on.workflow_dispatch.inputs\` or remove ${them} from \`dispatch.inputs\``,
    );
  }
  if (requiredMissing.length) {
    const them = pronoun(requiredMissing);
    problems.push(
      `${expected.path} requires ${list(requiredMissing)}, which the configuration does not send: ` +
        `add ${them} to \`dispatch.inputs\` or make ${them} optional`,
    );
  }
  if (problems.length) {
    return { check, result: "fail", advice: `${problems.join("; ")} (GitHub answers 422 to such a dispatch)` };
  }
  const advice = `declares \`workflow_dispatch\` with the ${sent.size} input(s) the configuration sends`;
  const notes = [...botGateNotes(document), pushTokenNote(text)].filter((note) => note !== undefined);
  if (notes.length) return { check, result: "warn", advice: `${advice}; but ${notes.join("; and ")}` };
  return { check, result: "ok", advice };
}

/** Agent actions that refuse a run a bot started (Autopilot's dispatch) unless an input lists the bot. */
const botGates: readonly { action: string; inputs: readonly string[]; says: string }[] = [
  {
    action: "anthropics/claude-code-action",
    inputs: ["allowed_bots"],
    says:
      'claude-code-action refuses a run a bot started ("Workflow initiated by non-human actor") unless ' +
      "`allowed_bots` lists it: set `allowed_bots` to Autopilot's `<app-slug>[bot]`",
  },
  {
    action: "openai/codex-action",
    inputs: ["allow-bot-users", "allow-users"],
    says:
      "codex-action refuses an actor without write access, as Autopilot's bot is, unless `allow-bot-users` " +
      "lists it: set `allow-bot-users` to Autopilot's `<app-slug>[bot]`",
  },
];

function botGateNotes(document: Record<string, unknown>): string[] {
  const jobs = isRecord(document.jobs) ? Object.values(document.jobs) : [];
  const steps = jobs.flatMap((job) => (isRecord(job) && Array.isArray(job.steps) ? job.steps : [])).filter(isRecord);
  const notes = new Set<string>();
  for (const step of steps) {
    const uses = typeof step.uses === "string" ? step.uses.split("@")[0] : undefined;
    const gate = botGates.find((candidate) => candidate.action === uses);
    if (!gate) continue;
    const given = isRecord(step.with) ? step.with : {};
    const listed = gate.inputs.some((input) => typeof given[input] === "string" && given[input].trim() !== "");
    if (!listed) notes.add(gate.says);
  }
  return [...notes];
}

/**
 * A workflow that pushes with `git push` but makes no GitHub App token most likely pushes with the
 * Actions `GITHUB_TOKEN` (the one `actions/checkout` keeps by default), and such a push starts no
 * workflow: required checks never report on the task PR. Undefined when nothing suggests it.
 */
function pushTokenNote(text: string): string | undefined {
  if (!/\bgit\s+push\b/.test(text)) return undefined;
  if (/actions\/create-github-app-token@/.test(text)) return undefined;
  const actionsToken = /secrets\.GITHUB_TOKEN\b|\bgithub\.token\b/.test(text);
  const otherToken = /secrets\.(?!GITHUB_TOKEN\b)\w*(TOKEN|PAT)\w*/i.test(text);
  if (otherToken && !actionsToken) return undefined;
  return (
    "it runs `git push` without a GitHub App token (`actions/create-github-app-token`): a push with the " +
    "Actions `GITHUB_TOKEN`, which `actions/checkout` keeps by default, starts no workflow, so required " +
    "checks never report on the task PR. Push with an app token (see docs/agents/)"
  );
}

const list = (names: readonly string[]): string => names.map((name) => `\`${name}\``).join(", ");
const pronoun = (names: readonly string[]): string => (names.length === 1 ? "it" : "them");
