import { describe, expect, it } from "vitest";
import type { PullReview } from "../../src/github/index.js";
import { publishLineReview } from "../../src/handlers/review/line-review.js";
import { lineReviewMarker } from "../../src/core/review/index.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";

const head = "c".repeat(40);
const older = "b".repeat(40);
const bot = "autopilot[bot]";
const comment = { path: "src/a.ts", line: 1, body: "**medium** `R1`: fixed page size" };
const review = (id: number, commit: string, login = bot): PullReview => ({
  id,
  node_id: `PRR_${id}`,
  user: { login },
  body: `${lineReviewMarker}\nAutopilot's review`,
  state: "COMMENTED",
  commit_id: commit,
  submitted_at: "2026-01-01T00:00:00Z",
});

describe("the review's line comments", () => {
  it("reads no reviews when there is nothing to post and no line review of the app's was ever posted", async () => {
    const github = fakeGitHubPort();
    const ctx = contextOn(github);
    expect(await publishLineReview(ctx, { number: 7, headSha: head }, [], bot, false)).toEqual({ posted: 0 });
    expect(github.callsTo("listReviews")).toEqual([]);
    expect(github.callsTo("minimizeOutdated")).toEqual([]);
  });

  it("with nothing to post, still hides the app's line reviews of earlier heads when there may be some", async () => {
    const listed = [review(1, older), review(2, older, "mona"), review(3, head)];
    const github = fakeGitHubPort({}, { listReviews: async () => listed, minimizeOutdated: async () => undefined });
    await publishLineReview(contextOn(github), { number: 7, headSha: head }, [], bot, true);
    expect(github.callsTo("minimizeOutdated")).toEqual([["PRR_1"]]);
  });

  it("posting always reads the reviews first, whatever the record says: once per head, as GitHub has them", async () => {
    const created: unknown[] = [];
    const stubs = {
      minimizeOutdated: async () => undefined,
      createLineReview: async (...args: unknown[]) => (created.push(args), { id: 9, nodeId: "PRR_9" }),
    };
    // the record says none was ever posted (an edited record, a replica's race): one for this head stands
    const posted = fakeGitHubPort({}, { ...stubs, listReviews: async () => [review(3, head)] });
    expect(await publishLineReview(contextOn(posted), { number: 7, headSha: head }, [comment], bot, false)).toEqual({
      posted: 0,
    });
    expect(created).toEqual([]);
    const fresh = fakeGitHubPort({}, { ...stubs, listReviews: async () => [review(1, older)] });
    expect(await publishLineReview(contextOn(fresh), { number: 7, headSha: head }, [comment], bot, false)).toEqual({
      posted: 1,
    });
    expect(fresh.callsTo("listReviews")).toEqual([[7]]);
    expect(fresh.callsTo("minimizeOutdated")).toEqual([["PRR_1"]]);
    expect(created).toHaveLength(1);
  });
});
