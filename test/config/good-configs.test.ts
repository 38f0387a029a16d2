import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configSchema, defaultConfig, parseConfig } from "../../src/config/index.js";
import type { Config } from "../../src/config/index.js";
import { knownKeyPaths } from "../../src/config/schema-keys.js";

const good = (name: string): string => readFileSync(new URL(`./fixtures/good/${name}`, import.meta.url), "utf8");

const parsed = (text: string | undefined | null): Config => {
  const result = parseConfig(text);
  if (!result.ok) throw new Error(`unexpected issues: ${JSON.stringify(result.issues)}`);
  return result.config;
};

describe("good configuration files", () => {
  it("gives the full default configuration for a missing, empty or comment-only file", () => {
    const defaults = defaultConfig();
    expect(parsed(undefined)).toEqual(defaults);
    expect(parsed(null)).toEqual(defaults);
    expect(parsed("")).toEqual(defaults);
    expect(parsed(good("empty.yml"))).toEqual(defaults);
  });

  it("has the documented defaults", () => {
    const config = defaultConfig();
    expect(config.labels).toEqual({
      trigger: "autopilot",
      queued: "autopilot:queued",
      in_progress: "autopilot:in-progress",
      review: "autopilot:review",
      done: "autopilot:done",
      blocked: "autopilot:blocked",
      needs_owner: "autopilot:needs-owner",
      risk_prefix: "risk:",
    });
    expect(config.branch_prefix).toBe("autopilot/");
    expect(config.task_dir).toBe("ops/tasks");
    expect(config.queue_file).toBe("ops/queue.jsonl");
    expect(config.state_branch).toBe("autopilot/state");
    expect(config.defaults).toEqual({
      scope: [],
      forbidden: [],
      budget: { files: 50, lines: 1500 },
    });
    expect(config.defaults.risk).toBeUndefined();
    expect(config.secrets).toEqual({
      allowlist: { paths: [], regexes: [], fingerprints: [] },
      scan_non_task_prs: true,
      scan_pushes: true,
    });
    expect(config.concordance.index_paths).toEqual({
      nt: "docs/blueprints/nt-index.json",
      td: "docs/blueprints/td-index.json",
      crosswalk: "docs/blueprints/crosswalk.json",
    });
    expect(config.concordance.require_trailers).toBe(false);
    expect(config.concordance.exempt_paths).toEqual(
      expect.arrayContaining(["docs/**", "**/*.md", "**/package-lock.json", "ops/**"]),
    );
    expect(config.review).toMatchObject({
      enabled: true,
      on_non_task_prs: "command",
      assistant_manager: { provider: "anthropic", model: expect.stringMatching(/^claude-/) },
      manager: { provider: "openai", model: expect.stringMatching(/^gpt-/) },
    });
    expect(config.review.prices).toBeUndefined();
    // unset: the first of squash, merge, rebase the repository allows
    expect(config.merge.method).toBeUndefined();
    expect(config.merge).toMatchObject({
      required_approvals: 1,
      required_checks: [],
      delete_branch: true,
      allow_auto_critical: false,
      rollback: true,
    });
    expect(config.merge.policy).toEqual({
      low: { full: "auto", review_only: "approval", disabled: "never" },
      medium: { full: "auto", review_only: "approval", disabled: "never" },
      high: { full: "approval", review_only: "approval", disabled: "never" },
      critical: { full: "approval", review_only: "approval", disabled: "never" },
    });
    expect(config.dispatch).toEqual({ target: "none" });
    expect(config.owners).toEqual([]);
    expect(config.paused).toBe(false);
    expect(config.dry_run).toBe(false);
  });

  it("hands out a fresh default object every time, so one caller cannot change another's defaults", () => {
    const first = defaultConfig();
    first.defaults.forbidden.push("mine/**");
    first.merge.policy.low.full = "never";
    const second = parsed("");
    expect(second.defaults.forbidden).not.toContain("mine/**");
    expect(second.merge.policy.low.full).toBe("auto");
  });

  it("merges a partial file over the defaults key by key, at any depth", () => {
    const config = parsed(good("partial.yml"));
    expect(config.defaults.budget).toEqual({ files: 10, lines: 1500 });
    expect(config.defaults.forbidden).toEqual(defaultConfig().defaults.forbidden);
    expect(config.merge.policy.high).toEqual({ full: "auto", review_only: "approval", disabled: "never" });
    expect(config.merge.policy.critical).toEqual(defaultConfig().merge.policy.critical);
    expect(config.merge.method).toBeUndefined();
    // Switching vendor without naming a model picks that vendor's default model, never the other's
    // (and the deciding role keeps its low reasoning effort).
    expect(config.review.manager).toEqual({
      provider: "anthropic",
      model: defaultConfig().review.assistant_manager.model,
      effort: "low",
    });
    expect(config.labels).toEqual(defaultConfig().labels);
  });

  it("reads every key of a full file and lets none fall back to its default", () => {
    const config = parsed(good("full.yml"));
    expect(config).toEqual({
      paused: true,
      dry_run: true,
      owners: ["octocat", "hubot"],
      agent_accounts: ["widget-agent", "copilot-swe-agent[bot]"],
      labels: {
        trigger: "agent",
        queued: "agent:queued",
        in_progress: "agent:working",
        review: "agent:review",
        done: "agent:done",
        blocked: "agent:blocked",
        needs_owner: "agent:question",
        risk_prefix: "risk/",
      },
      branch_prefix: "agents/",
      task_dir: "tasks",
      queue_file: "tasks/queue.jsonl",
      state_branch: "agents/state",
      stale_after: "5d",
      defaults: { scope: ["src/**"], forbidden: ["infra/**"], budget: { files: 12, lines: 400 }, risk: "low" },
      dispatch: {
        target: "workflow_dispatch",
        workflow: "run-agent.yaml",
        ref: "main",
        inputs: { task: "{{task_id}}", branch: "{{ branch }}", note: "Issue #{{issue}}: {{title}}" },
        retries: { attempts: 2, backoff: "10m" },
        stale_after: "4h",
      },
      secrets: {
        allowlist: {
          paths: ["test/fixtures/**"],
          regexes: ["^EXAMPLE_[A-Z]+$"],
          fingerprints: ["sha256:00112233445566ff"],
        },
        scan_non_task_prs: false,
        scan_pushes: false,
      },
      concordance: {
        index_paths: { nt: "blueprints/nt.json", td: "blueprints/td.json", crosswalk: "blueprints/crosswalk.json" },
        require_trailers: true,
        exempt_paths: ["README.md"],
      },
      review: {
        enabled: false,
        on_non_task_prs: "always",
        assistant_manager: { provider: "openai", model: "gpt-5-mini", effort: "high" },
        manager: { provider: "anthropic", model: "claude-opus-4-1", effort: "medium" },
        max_input_tokens: 50000,
        max_output_tokens: 2000,
        max_cost_usd: 0.5,
        max_followups: 3,
        max_reviews_per_task: 4,
        max_asks_per_task: 5,
        max_line_comments: 10,
        prices: {
          "gpt-5-mini": { input: 0.25, output: 2 },
          "claude-opus-4-1": { input: 15, output: 75, cached_input: 1.5, cache_write: 18.75 },
        },
        context_lines: 25,
        instructions: [{ paths: ["src/billing/**"], text: "Money is integer cents." }],
        timeout_ms: 30000,
        retries: 0,
      },
      merge: {
        method: "rebase",
        allow_auto_critical: true,
        policy: {
          low: { full: "approval", review_only: "never", disabled: "approval" },
          medium: { full: "approval", review_only: "never", disabled: "approval" },
          high: { full: "auto", review_only: "never", disabled: "approval" },
          critical: { full: "auto", review_only: "never", disabled: "approval" },
        },
        required_approvals: 2,
        required_checks: ["ci / test", { name: "ci/e2e", app: "github-actions" }],
        delete_branch: false,
        rollback: false,
      },
      readiness: { required_checks: ["ci / smoke", { name: "doctor", app: "github-actions" }] },
    });
  });

  it("keeps full.yml complete: it sets every key the schema knows", () => {
    const full = parsed(good("full.yml")) as unknown as Record<string, unknown>;
    const valueAt = (path: readonly string[]): unknown =>
      path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], full);
    // `_extends` is resolved by Probot, and only one dispatch target can be shown at a time.
    const skipped = new Set(["_extends", "dispatch.handle"]);
    const unset = knownKeyPaths(configSchema)
      .map((path) => path.join("."))
      .filter((path) => !skipped.has(path) && valueAt(path.split(".")) === undefined);
    expect(unset).toEqual([]);
  });

  it("follows anchors, aliases and merge keys", () => {
    const config = parsed(good("anchors.yml"));
    expect(config.merge.policy.low).toEqual({ full: "auto", review_only: "auto", disabled: "never" });
    expect(config.merge.policy.medium).toEqual({ full: "auto", review_only: "auto", disabled: "never" });
  });

  it("accepts this project's own .github/autopilot.yml", () => {
    const text = readFileSync(new URL("../../.github/autopilot.yml", import.meta.url), "utf8");
    const config = parsed(text);
    expect(config.dispatch).toMatchObject({ target: "workflow_dispatch", workflow: "agent.yml" });
    expect(config.defaults.forbidden).toContain(".github/workflows/**");
  });

  it("accepts the other dispatch targets and `_extends`", () => {
    expect(parsed("dispatch:\n  target: mention\n  handle: '@copilot'\n").dispatch).toEqual({
      target: "mention",
      handle: "@copilot",
    });
    expect(parsed("dispatch: { target: mention, handle: '@acme/agents' }\n").dispatch).toEqual({
      target: "mention",
      handle: "@acme/agents",
    });
    expect(parsed("dispatch: { target: none }\n").dispatch).toEqual({ target: "none" });
    expect(parsed("_extends: acme/.github\n")._extends).toBe("acme/.github");
  });

  it("allows `auto` for critical tasks only when the owner opts in", () => {
    expect(parseConfig("merge:\n  policy:\n    critical: { full: auto }\n").ok).toBe(false);
    const config = parsed("merge:\n  allow_auto_critical: true\n  policy:\n    critical: { full: auto }\n");
    expect(config.merge.policy.critical.full).toBe("auto");
  });
});

describe("globs follow the scope gate's pattern rules", () => {
  it("accepts a root-anchored glob, as docs/scope-patterns.md documents", () => {
    const result = parseConfig("defaults:\n  forbidden: ['/CHANGELOG.md', './infra/']\n");
    expect(result.ok && result.config.defaults.forbidden).toEqual(["/CHANGELOG.md", "./infra/"]);
  });
});
