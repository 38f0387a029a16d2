import { afterEach, describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import {
  commentBodies,
  noMergeConfig,
  setRepoConfig,
  startAppHarness,
  stateFile,
  taskDecisions,
  type AppHarness,
  type TestOctokit,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };
/** A spec without `acceptance`: the app asks for it and records the task with no spec. */
const body = (scope: string, risk: string) =>
  ["Widget lists should come in pages.", "", "```autopilot", `scope: ${scope}`, `risk: ${risk}`, "```"].join("\n");
const criteria = '/answer ["GET /widgets returns 50 widgets per page"]';

/**
 * A user with read access opens a task issue whose spec lacks `acceptance`; a maintainer labels
 * it and Autopilot asks for the criteria. While the task waits, the author rewrites the spec to
 * `risk: low` and `scope: ["**"]` (the app answers that the recorded spec holds: there is none
 * yet). The maintainer's `/answer` gives the criteria: it must not make the author's text the
 * task's spec, which would let an out-of-scope change merge without approval.
 */
describe("an owner's /answer after an outsider edited the spec", () => {
  let h: AppHarness | undefined;
  afterEach(async () => h?.close());

  /** mallory (read access) opens the issue, octocat (owner) labels it: the app asks for `acceptance` */
  const labelled = async (): Promise<{ mallory: TestOctokit; issue: number }> => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    const author = await personWith(h, "mallory", "read");
    const issue = (
      await author.rest.issues.create({
        ...repo,
        title: "Paginate widget lists",
        body: body('["src/widgets/**"]', "high"),
      })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    expect((await taskDecisions(h, `T-${issue}`)).map((decision) => decision.field)).toEqual(["acceptance"]);
    return { mallory: author, issue };
  };
  const entryOf = async (issue: number) =>
    getEntry(parseQueue(await stateFile(h!, "ops/queue.jsonl")).doc, `T-${issue}`);
  const say = async (issue: number, text: string) => {
    await h!.user.rest.issues.createComment({ ...repo, issue_number: issue, body: text });
    await h!.settle();
  };
  const taskPulls = async (issue: number) =>
    (await h!.user.rest.pulls.list({ ...repo, state: "all" })).data.filter((pull) =>
      pull.title.startsWith(`[T-${issue}]`),
    );

  it("is refused, naming the editor: nothing starts and the author's spec is not recorded", async () => {
    const { mallory, issue } = await labelled();
    await mallory.rest.issues.update({ ...repo, issue_number: issue, body: body('["**"]', "low") });
    await h!.settle();

    await say(issue, criteria);
    expect(await entryOf(issue)).toMatchObject({ status: "needs_owner" });
    expect((await entryOf(issue))?.risk).not.toBe("low");
    expect((await entryOf(issue))?.scope ?? []).not.toContain("**");
    expect(await taskPulls(issue)).toEqual([]);
    expect((await taskDecisions(h!, `T-${issue}`))[0]?.answer).toBeUndefined();
    const refusal = (await commentBodies(h!, issue)).find((text) => text.includes("The answer was not recorded"));
    expect(refusal).toContain("edited by @mallory after Q-1 was asked");
    expect(refusal).toContain("write the value into its spec yourself");
    // the answer was not written into the author's text either
    expect((await h!.user.rest.issues.get({ ...repo, issue_number: issue })).data.body).toBe(body('["**"]', "low"));

    // the owner undoes the edit and answers again: the task starts with the spec they approved
    await h!.user.rest.issues.update({ ...repo, issue_number: issue, body: body('["src/widgets/**"]', "high") });
    await h!.settle();
    await say(issue, criteria);
    expect(await entryOf(issue)).toMatchObject({ status: "in_progress", risk: "high", scope: ["src/widgets/**"] });
    expect(await taskPulls(issue)).toHaveLength(1);
  });

  it("after the owner's own edit (even over the author's), the answer completes the spec as before", async () => {
    const { mallory, issue } = await labelled();
    await mallory.rest.issues.update({ ...repo, issue_number: issue, body: body('["**"]', "low") });
    await h!.settle();
    // the owner reads the issue and writes the spec as it should be: their edit is what they approve
    await h!.user.rest.issues.update({ ...repo, issue_number: issue, body: body('["src/widgets/**"]', "medium") });
    await h!.settle();

    await say(issue, criteria);
    expect(await entryOf(issue)).toMatchObject({ status: "in_progress", risk: "medium", scope: ["src/widgets/**"] });
    expect(await taskPulls(issue)).toHaveLength(1);
    expect((await taskDecisions(h!, `T-${issue}`))[0]?.answer).toMatchObject({ by: "octocat" });
  });
});
