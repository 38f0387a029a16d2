import type { Config } from "../../config/index.js";
import {
  assistantManagerOutput,
  assistantManagerPrompt,
  finalDecision,
  incompleteReview,
  managerOutput,
  managerPrompt,
  needsTieBreak,
  tieBreakOutput,
  tieBreakPrompt,
  type AssistantManagerFindings,
  type BudgetedDiff,
  type ManagerDecision,
  type ReviewCall,
  type ReviewContext,
  type ReviewOutcome,
  type ReviewPrompt,
  type StructuredOutput,
  type FingerprintedFinding,
  withoutDismissed,
} from "../../core/review/index.js";
import type { LlmLogger, LlmPort, LlmResult, LlmRole } from "../../llm/index.js";

export interface ReviewPorts {
  assistantManager: LlmPort;
  manager: LlmPort;
}

export interface PassesResult {
  outcome: ReviewOutcome;
  findings?: AssistantManagerFindings;
  calls: ReviewCall[];
}

const providerName = { anthropic: "Anthropic", openai: "OpenAI", scripted: "the scripted reviewer" } as const;

/**
 * The review's model calls, in order: the assistant manager red-teams, the manager decides on
 * its findings, and a pessimistic tie-break pass settles an accept over a high or critical risk.
 * A pass that fails ends the review as incomplete, keeping what the other pass found; the cost
 * cap is shared by all passes.
 */
export async function runReviewPasses(input: {
  config: Config;
  ports: ReviewPorts;
  context: ReviewContext;
  gatesGreen: boolean;
  log: LlmLogger;
  task: string;
  /**
   * The diff for the tie-break prompt, budgeted again so that prompt (which adds the findings and
   * the manager's decision) stays within `max_input_tokens`, with the risks' files first.
   * Default: the assistant manager's diff.
   */
  tieBreakDiff?: (findings: AssistantManagerFindings, manager: ManagerDecision) => BudgetedDiff;
  /**
   * The diff for the manager's prompt, budgeted again around the findings it adds, the risks'
   * files first. Default: the assistant manager's diff.
   */
  managerDiff?: (findings: AssistantManagerFindings) => BudgetedDiff;
  /** numbers of the acceptance criteria an owner waived */
  waived?: readonly number[];
  /** an owner's dismissals: the red team's findings they cover are left out before anyone decides */
  dismissed?: (finding: FingerprintedFinding) => boolean;
}): Promise<PassesResult> {
  const { config, ports, context } = input;
  const signals = {
    coverage: context.diff.coverage === "full" ? ("full" as const) : ("partial" as const),
    gatesGreen: input.gatesGreen,
  };
  const calls: ReviewCall[] = [];
  let spent = 0;
  const call = async <T>(
    role: LlmRole & ReviewCall["role"],
    port: LlmPort,
    prompt: ReviewPrompt,
    output: StructuredOutput<T>,
  ): Promise<LlmResult<T>> => {
    const result = await port.call({
      role,
      system: prompt.system,
      messages: prompt.messages,
      schemaName: output.schemaName,
      jsonSchema: output.jsonSchema as Record<string, unknown>,
      parse: output.parse,
      maxOutputTokens: config.review.max_output_tokens,
      remainingBudgetUsd: Math.max(0, config.review.max_cost_usd - spent),
    });
    spent += result.costUsd;
    calls.push({
      role,
      provider: result.provider,
      model: result.model,
      input_tokens: result.usage.input,
      output_tokens: result.usage.output,
      cost_usd: result.priced ? result.costUsd : null,
      outcome: result.outcome,
      latency_ms: Math.round(result.latencyMs),
    });
    input.log.info(
      {
        task: input.task,
        role,
        provider: result.provider,
        model: result.model,
        tokens: result.usage,
        cost_usd: result.costUsd,
        latency_ms: result.latencyMs,
        outcome: result.outcome,
      },
      "review: model call",
    );
    return result;
  };
  const failed = (port: LlmPort, result: { reason: string; outcome: string }): string =>
    `${providerName[port.provider]} (${port.model}): ${result.outcome}: ${result.reason}`;

  const am = await call(
    "assistant_manager",
    ports.assistantManager,
    assistantManagerPrompt(context),
    assistantManagerOutput,
  );
  if (!am.ok) return { outcome: incompleteReview(failed(ports.assistantManager, am), signals), calls };
  const { findings, left } = input.dismissed
    ? withoutDismissed(am.value, input.dismissed)
    : { findings: am.value, left: [] };
  if (left.length > 0)
    input.log.info(
      { task: input.task, dismissed: left.map((finding) => finding.fingerprint) },
      "review: findings an owner dismissed left out",
    );

  const managerDiff = input.managerDiff?.(findings) ?? context.diff;
  const manager = await call("manager", ports.manager, managerPrompt(context, findings, managerDiff), managerOutput);
  if (!manager.ok) return { outcome: incompleteReview(failed(ports.manager, manager), signals), findings, calls };

  // the spec's criteria: the deciding answer must show each met (or an owner waived it)
  const criteria = { acceptance: context.task?.spec.acceptance ?? [], waived: input.waived ?? [] };
  if (!needsTieBreak({ findings, manager: manager.value })) {
    return { outcome: finalDecision({ findings, manager: manager.value, ...criteria, ...signals }), findings, calls };
  }
  const tieBreakDiff = input.tieBreakDiff?.(findings, manager.value) ?? context.diff;
  const tieBreak = await call(
    "tie_break",
    ports.manager,
    tieBreakPrompt(context, findings, manager.value, tieBreakDiff),
    tieBreakOutput,
  );
  if (!tieBreak.ok) return { outcome: incompleteReview(failed(ports.manager, tieBreak), signals), findings, calls };
  return {
    outcome: finalDecision({ findings, manager: manager.value, tieBreak: tieBreak.value, ...criteria, ...signals }),
    findings,
    calls,
  };
}
