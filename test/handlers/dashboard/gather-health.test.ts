import { describe, expect, it } from "vitest";
import { parseQueue } from "../../../src/core/queue/index.js";
import { type ReviewRecord, sealedAt, sealRecord, serializeReviewRecord } from "../../../src/core/review/index.js";
import { stickyMarker } from "../../../src/github/index.js";
import { gatherHealth } from "../../../src/handlers/dashboard/gather-health.js";
import { fileOf, lineFor } from "../../core/queue/queue-fixtures.js";
import { contextOn, fakeGitHubPort } from "../../helpers/fake-github-port.js";
import { testServices } from "../../helpers/test-services.js";

const login = "autopilot[bot]";
const green = { state: "success" as const, failing: [] };

/** A review record of `status`, made at `reviewedAt`. */
const record = (status: ReviewRecord["status"], reviewedAt: string): ReviewRecord => ({
  version: 1,
  head_sha: "a".repeat(40),
  config_hash: "c",
  status,
  decision: status === "complete" ? "accept" : null,
  decided_by: status === "complete" ? "manager" : null,
  recommended_status: null,
  reason: status === "complete" ? null : "the provider answered 503",
  conclusion: status === "complete" ? "success" : "neutral",
  may_merge: status === "complete",
  coverage: "full",
  gates_green: true,
  findings: [],
  resolved: [],
  omitted: [],
  omitted_count: 0,
  calls: [],
  reviewed_at: reviewedAt,
});

describe("gatherHealth", () => {
  /**
   * Five task PRs (#101..#105) whose review comments were last touched at `touched`: the first three
   * hold errored reviews made at `erroredAt`, the last two fine ones made when last touched.
   */
  async function healthOf(erroredAt: string) {
    const services = testServices();
    const made = [erroredAt, erroredAt, erroredAt, "2026-03-01", "2026-03-02"];
    const touched = ["2026-04-01", "2026-04-01", "2026-04-01", "2026-03-01", "2026-03-02"];
    const comments = new Map<number, { body: string; updated_at: string; user: { login: string; type: string } }>();
    for (const [index, day] of made.entries()) {
      const pr = 101 + index;
      const status = index < 3 ? "incomplete" : "complete";
      const sealed = await sealRecord(
        record(status, `${day}T00:00:00Z`),
        services.signRecord,
        sealedAt({ owner: "acme", repo: "widgets", nodeId: "R_fake_widgets" }, pr),
      );
      comments.set(pr, {
        body: `${stickyMarker("review")}\nReview.\n${serializeReviewRecord(sealed)}`,
        updated_at: `${touched[index]}T00:00:00Z`,
        user: { login, type: "Bot" },
      });
    }
    const github = fakeGitHubPort(
      {},
      { listComments: async (pr: number) => (comments.has(pr) ? [comments.get(pr) as never] : []) },
    );
    const ctx = contextOn(github, undefined, services);
    const queue = parseQueue(
      fileOf(...[1, 2, 3, 4, 5].map((n) => lineFor(n, ["queued", "in_progress", "review"]))),
    ).doc;
    return gatherHealth(ctx, queue, green);
  }

  it("orders reviews by when they were made, not by when a writer last touched their comment", async () => {
    // errors of an old outage a writer put back just now (their comments' newest): two fine reviews came since
    expect((await healthOf("2026-01-01")).level).toBe("green");
    // errors made after the fine reviews, their comments touched as much: the last three reviews errored
    expect(await healthOf("2026-03-03")).toEqual({ level: "red", reasons: ["the last 3 reviews ended in errors"] });
  });
});
