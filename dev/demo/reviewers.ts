import type { PortsFor } from "../../src/handlers/review/review-pull.js";
import { portsFromEnvironment } from "../../src/handlers/review/ports-from-environment.js";
import { callPolicyOf, createScriptedPort, type OutboundRequest, type ScriptedAnswer } from "../../src/llm/index.js";

/** Who reviews in the demo, and how the transcript names them. */
export interface DemoReviewers {
  ports: PortsFor;
  /** true: canned answers, no model was asked */
  scripted: boolean;
  /** what the transcript calls them, never presenting a script as a model */
  label: string;
  /** why these reviewers, for the transcript's opening */
  description: string;
}

/** The non-blocking follow-up the scripted red-team reviewer reports on the pagination task. */
export const scriptedFollowup = {
  title: "Document the widget page size",
  body: "The README should say that lists come 50 per page and how to ask for the next page.",
  blocking: false,
};

const hasKey = (env: Readonly<Record<string, string | undefined>>, name: string): boolean =>
  (env[name] ?? "").trim() !== "";

/** The text of a review request, to tell which task the reviewer is looking at. */
const requestText = (request: OutboundRequest): string =>
  request.messages.map((message) => JSON.stringify(message)).join("\n");

/**
 * The red-team (assistant manager) answer: no risks, and on the pagination task one follow-up
 * that should not hold the merge.
 */
function redTeamAnswer(request: OutboundRequest): ScriptedAnswer {
  const followups = /paginat/i.test(requestText(request)) ? [scriptedFollowup] : [];
  return { output: { risks: [], missing_deliverables: [], test_gaps: [], followups } };
}

const managerAnswer: ScriptedAnswer = {
  output: {
    decision: "accept",
    recommended_status: "done",
    next_actions: [],
    summary: "The change meets the acceptance criteria; the follow-up can wait.",
    reasons: ["every acceptance criterion has a test", "gates are green"],
  },
};

/**
 * What a diligent deciding model does when its script says nothing about the criteria: it reads
 * the numbered acceptance criteria in the prompt and calls each met, citing the first file the diff
 * shows. A script that gives `criteria` itself is sent as it is, so a test can make a verdict wrong.
 */
function withCriteria(request: OutboundRequest, answer: ScriptedAnswer): ScriptedAnswer {
  if (
    !("output" in answer) ||
    (request.schemaName !== "manager_decision" && request.schemaName !== "tie_break_decision")
  )
    return answer;
  const output = answer.output as Record<string, unknown>;
  if (output === null || typeof output !== "object" || "criteria" in output) return answer;
  return {
    output: { ...output, criteria: criteriaMetIn(request.messages.map((message) => message.content).join("\n")) },
  };
}

/** Every numbered acceptance criterion of a review prompt's spec, called met on the first file its diff shows. */
export function criteriaMetIn(
  prompt: string,
): Array<{ number: number; verdict: string; evidence: Array<{ file: string; line: null }>; note: string }> {
  const spec = prompt.slice(prompt.indexOf("Acceptance criteria:"), prompt.indexOf("Tests the owner asked for:"));
  const numbers = [...spec.matchAll(/^ {2}(\d+)\. /gm)].map((match) => Number(match[1]));
  const file = /^### (\S+) \(/m.exec(prompt)?.[1];
  return numbers.map((number) =>
    file === undefined
      ? { number, verdict: "unverifiable", evidence: [], note: "the diff shows no file" }
      : { number, verdict: "met", evidence: [{ file, line: null }], note: "the change does it" },
  );
}

/**
 * Review ports answering from a script, under the review config's call policy without waiting
 * between retries. They still redact, budget, parse and log as the real ones do; only the answer
 * is canned. `models` names the model each port reports (default: the scripted port's own).
 */
export function scriptedReviewers(
  assistantManager: (request: OutboundRequest) => ScriptedAnswer,
  manager: (request: OutboundRequest) => ScriptedAnswer,
  models: { assistantManager?: string; manager?: string } = {},
): PortsFor {
  return (config) => {
    const policy = { ...callPolicyOf(config.review), sleep: async () => undefined };
    return {
      assistantManager: createScriptedPort({
        ...policy,
        ...(models.assistantManager ? { model: models.assistantManager } : {}),
        answers: assistantManager,
      }),
      manager: createScriptedPort({
        ...policy,
        ...(models.manager ? { model: models.manager } : {}),
        answers: (request) => withCriteria(request, manager(request)),
      }),
    };
  };
}

/**
 * The real providers when both `ANTHROPIC_API_KEY` and `OPENAI_API_KEY` are set (the only case in
 * which the demo touches the network); otherwise scripted ports. Scripted ports still redact,
 * budget, parse and log like the real ones; only the answer is canned.
 */
export function chooseReviewers(env: Readonly<Record<string, string | undefined>>): DemoReviewers {
  if (hasKey(env, "ANTHROPIC_API_KEY") && hasKey(env, "OPENAI_API_KEY")) {
    return {
      ports: portsFromEnvironment,
      scripted: false,
      label: "real providers (Anthropic and OpenAI)",
      description:
        "the real providers: Anthropic as red-team reviewer, OpenAI as deciding reviewer (ANTHROPIC_API_KEY and OPENAI_API_KEY are set)",
    };
  }
  return {
    ports: scriptedReviewers(redTeamAnswer, () => managerAnswer),
    scripted: true,
    label: "scripted reviewer (no model)",
    description:
      "scripted reviewer (no model): canned answers for both review roles, because ANTHROPIC_API_KEY and OPENAI_API_KEY are not both set",
  };
}
