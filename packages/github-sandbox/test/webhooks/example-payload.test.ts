import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { examplePayload, installationNodeId, withInstallation } from "../../src/webhooks/index.js";
import { describeErrors as errorsOf, loadWebhookValidators } from "../helpers/webhook-schemas.js";

const require = createRequire(import.meta.url);

type Payload = Record<string, unknown>;

/** What the sandbox sends (issue 3), each checked against GitHub's current webhook schema. */
const sent: Array<[event: string, action: string | undefined]> = [
  ["issues", "opened"],
  ["issues", "labeled"],
  ["issues", "unlabeled"],
  ["issues", "closed"],
  ["issues", "edited"],
  ["issue_comment", "created"],
  ["pull_request", "opened"],
  ["pull_request", "synchronize"],
  ["pull_request", "ready_for_review"],
  ["pull_request", "closed"],
  ["pull_request", "reopened"],
  ["pull_request", "edited"],
  ["pull_request", "converted_to_draft"],
  ["pull_request", "labeled"],
  ["pull_request", "unlabeled"],
  ["pull_request_review", "submitted"],
  ["pull_request_review", "dismissed"],
  ["pull_request_review", "edited"],
  ["issue_comment", "edited"],
  ["issue_comment", "deleted"],
  ["issues", "reopened"],
  ["issues", "assigned"],
  ["status", undefined],
  ["push", undefined],
  ["check_suite", "requested"],
  ["check_suite", "rerequested"],
  ["check_suite", "completed"],
  ["check_run", "created"],
  ["check_run", "completed"],
  ["check_run", "rerequested"],
  ["installation", "created"],
];

/**
 * Raw examples in @octokit/webhooks-examples 7.6.1 that fail @octokit/openapi-webhooks 12.1.0
 * for every example of the action, so `examplePayload` corrects or replaces them. Kept as a test
 * so an upgrade that fixes (or breaks) the examples is noticed. Other actions have some failing
 * examples too (issues.edited, issue_comment.created, pull_request.opened: an older example lacks
 * `reactions`/`auto_merge`; check_suite.requested: one has an invalid e-mail), but a valid one
 * exists and is the one picked.
 */
const driftedExamples: Array<[event: string, action: string | undefined, why: RegExp]> = [
  ["pull_request", "synchronize", /has_discussions/],
  ["pull_request_review", "submitted", /has_discussions/],
  ["push", undefined, /has_discussions/],
  ["check_run", "rerequested", /node_id|details_url/],
  ["installation", "created", /app_slug/],
  ["status", undefined, /verified_at/],
];

const label = (event: string, action: string | undefined): string => (action ? `${event}.${action}` : event);

let validator: (event: string, action: string | undefined) => ValidateFunction;
let rawExamples: Array<{ name: string; examples: Payload[] }>;

beforeAll(() => {
  validator = loadWebhookValidators();
  rawExamples = require("@octokit/webhooks-examples") as typeof rawExamples;
});

const sentCases = sent.map(([event, action]) => [label(event, action), event, action] as const);
const driftedCases = driftedExamples.map(([event, action, why]) => [label(event, action), event, action, why] as const);

describe("examplePayload against @octokit/openapi-webhooks", () => {
  it.each(sentCases)("%s validates", (_label, event, action) => {
    const validate = validator(event, action);
    const payload = withInstallation(examplePayload(event, action), 77);
    expect(validate(payload), errorsOf(validate)).toBe(true);
    expect(payload.action).toBe(action);
  });

  it.each(driftedCases)(
    "raw %s examples still fail the schema (the corrected copy passes)",
    (_label, event, action, why) => {
      const validate = validator(event, action);
      const raw = rawExamples
        .find((group) => group.name === event)
        ?.examples.filter((example) => (action === undefined ? !("action" in example) : example.action === action));
      expect(raw?.length).toBeGreaterThan(0);
      for (const example of raw ?? []) {
        expect(validate(example)).toBe(false);
        expect(errorsOf(validate)).toMatch(why);
      }
    },
  );
});

describe("examplePayload", () => {
  it("returns a deep copy each time", () => {
    const first = examplePayload("issues", "opened");
    (first.issue as Payload).title = "changed";
    expect((examplePayload("issues", "opened").issue as Payload).title).not.toBe("changed");
  });

  it("derives issues.closed from issues.reopened", () => {
    const issue = examplePayload("issues", "closed").issue as Payload;
    expect(issue).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(issue.closed_at).toEqual(expect.any(String));
  });

  it("picks a branch push with commits", () => {
    const push = examplePayload("push");
    expect(push.ref).toMatch(/^refs\/heads\//);
    expect((push.commits as unknown[]).length).toBeGreaterThan(0);
  });

  it("check_run.rerequested is a completed run", () => {
    expect(examplePayload("check_run", "rerequested")).toMatchObject({
      action: "rerequested",
      check_run: { status: "completed" },
    });
  });

  it("explains unknown events and actions", () => {
    expect(() => examplePayload("nope")).toThrow('examplePayload: unknown webhook event "nope"');
    expect(() => examplePayload("issues", "exploded")).toThrow(
      /no example for "issues.exploded"; examples exist for: .*closed.*opened/,
    );
    expect(() => examplePayload("issues")).toThrow(/"issues" events carry an action/);
    expect(() => examplePayload("push", "created")).toThrow(/"push" events carry no action/);
  });
});

describe("withInstallation", () => {
  it("adds GitHub's simple installation without touching the input", () => {
    const payload = examplePayload("issues", "opened");
    const withIt = withInstallation(payload, 1);
    expect(withIt.installation).toEqual({ id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" });
    expect(installationNodeId(1)).toBe("MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==");
    expect(payload.installation).not.toEqual(withIt.installation);
  });

  it("keeps the full installation object of an installation event", () => {
    const payload = withInstallation(examplePayload("installation", "created"), 555);
    expect(payload.installation).toMatchObject({
      id: 555,
      account: expect.any(Object),
      permissions: expect.any(Object),
    });
  });
});
