import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

export interface AppMetricsOptions {
  /** Node's process metrics (CPU, memory, event loop lag) too; the server turns them on, tests leave them off. */
  processMetrics?: boolean;
}

/** What an LLM call reported, as `src/llm` gives it. */
export interface LlmCallSample {
  role: string;
  provider: string;
  model: string;
  outcome: string;
  usage: { input: number; output: number };
  costUsd: number;
}

/** Where an error was counted. */
export type ErrorSource = "job" | "webhook" | "sweep";

/**
 * One Prometheus registry per app instance (never prom-client's global one), so two instances in
 * one process, or two tests, count apart. Names follow Prometheus conventions: `_total` counters,
 * `_seconds` histograms, `autopilot_` prefix.
 */
export class AppMetrics {
  readonly registry = new Registry();
  readonly #deliveries = new Counter({
    name: "autopilot_webhook_deliveries_total",
    help: "Webhook deliveries received, by event and action",
    labelNames: ["event", "action"] as const,
    registers: [this.registry],
  });
  readonly #jobs = new Histogram({
    name: "autopilot_job_duration_seconds",
    help: "Time a queued job (the work a webhook or a sweep sets off) took to run, by triggering event and outcome",
    labelNames: ["event", "outcome"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  readonly #github = new Counter({
    name: "autopilot_github_requests_total",
    help: "GitHub API calls, by method, route template and final HTTP status (a call Octokit retried counts once)",
    labelNames: ["method", "route", "status"] as const,
    registers: [this.registry],
  });
  readonly #llmCalls = new Counter({
    name: "autopilot_llm_calls_total",
    help: "LLM calls, by review role, provider, model and outcome",
    labelNames: ["role", "provider", "model", "outcome"] as const,
    registers: [this.registry],
  });
  readonly #llmTokens = new Counter({
    name: "autopilot_llm_tokens_total",
    help: "LLM tokens billed (estimated for the scripted provider), by role, provider, model and direction",
    labelNames: ["role", "provider", "model", "direction"] as const,
    registers: [this.registry],
  });
  readonly #llmCost = new Counter({
    name: "autopilot_llm_cost_usd_total",
    help: "Estimated LLM cost in USD from the configured per-model prices, by role, provider and model",
    labelNames: ["role", "provider", "model"] as const,
    registers: [this.registry],
  });
  readonly #transitions = new Counter({
    name: "autopilot_queue_transitions_total",
    help: "Task status changes committed to ops/queue.jsonl, by from and to status (from=new for a new task)",
    labelNames: ["from", "to"] as const,
    registers: [this.registry],
  });
  readonly #rateLimitPauses = new Counter({
    name: "autopilot_github_rate_limit_pauses_total",
    help: "Times an installation's GitHub budget (core, graphql or search) was spent and the app sent nothing for it until the reset, by budget",
    labelNames: ["budget"] as const,
    registers: [this.registry],
  });
  readonly #errors = new Counter({
    name: "autopilot_errors_total",
    help: "Failures: a job that threw, a webhook handler that threw, a sweep that failed",
    labelNames: ["source"] as const,
    registers: [this.registry],
  });

  /** the Octokit instances whose calls count here (`instrumentOctokit`) */
  readonly #octokits = new WeakSet<object>();

  constructor(options: AppMetricsOptions = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** Whether `octokit` is new to these metrics; from now on it is known. */
  adoptOctokit(octokit: object): boolean {
    if (this.#octokits.has(octokit)) return false;
    this.#octokits.add(octokit);
    return true;
  }

  delivery(event: string, action: string | undefined): void {
    this.#deliveries.inc({ event, action: action ?? "" });
  }

  /** An installation's budget was spent: nothing is sent for it until the reset. */
  rateLimitPaused(budget: string): void {
    this.#rateLimitPauses.inc({ budget });
  }

  jobFinished(event: string, outcome: "ok" | "failed" | "deferred", seconds: number): void {
    this.#jobs.observe({ event, outcome }, seconds);
    if (outcome === "failed") this.error("job");
  }

  githubRequest(method: string, route: string, status: number | "network"): void {
    this.#github.inc({ method, route, status: String(status) });
  }

  llmCall(call: LlmCallSample): void {
    const { role, provider, model } = call;
    this.#llmCalls.inc({ role, provider, model, outcome: call.outcome });
    this.#llmTokens.inc({ role, provider, model, direction: "input" }, call.usage.input);
    this.#llmTokens.inc({ role, provider, model, direction: "output" }, call.usage.output);
    this.#llmCost.inc({ role, provider, model }, call.costUsd);
  }

  queueTransition(from: string, to: string): void {
    this.#transitions.inc({ from, to });
  }

  error(source: ErrorSource): void {
    this.#errors.inc({ source });
  }

  /** The exposition text `GET /metrics` serves. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
