import { describe, expect, it, vi } from "vitest";
import { defaultConfig } from "../../../src/config/index.js";
import type { Decision } from "../../../src/core/commands/index.js";
import type { IssueBodyEdit } from "../../../src/github/index.js";
import { checkSpecAnswer, resumeSpec } from "../../../src/handlers/questions/resume-spec.js";
import { entryFor } from "../../core/queue/queue-fixtures.js";
import { contextOn, fakeGitHubPort } from "../../helpers/fake-github-port.js";

const app = "autopilot[bot]";
const labelledAt = "2026-12-06T10:00:00Z";
const body = '```autopilot\nscope: ["src/widgets/**"]\nrisk: high\n```';
const question: Decision = {
  id: "Q-1",
  task: "T-4",
  kind: "spec",
  question: "What are the acceptance criteria?",
  options: [],
  recommendation: "list what a reviewer checks",
  asked_at: "2026-12-06T10:00:02.345Z",
  asked_in: { issue: 4, comment: 9 },
  number: 1,
  field: "acceptance",
};
const edit = (login: string | null, type = "User", at = "2026-12-06T10:05:00Z"): IssueBodyEdit => ({
  at,
  editor: login === null ? null : { login, type },
});

/** Issue 4 with `body`, labelled by octocat (the only owner), and GitHub's edits since as given. */
function repository(edits: IssueBodyEdit[], issueBody = body) {
  const since = vi.fn(async (_number: number, _since: string) => edits);
  const github = fakeGitHubPort(
    {
      issues: [
        {
          number: 4,
          node_id: "I_4",
          title: "Paginate widgets",
          body: issueBody,
          state: "open",
          updated_at: labelledAt,
          html_url: "https://github.com/acme/widgets/issues/4",
          user: { login: "mallory", type: "User" },
          labels: ["autopilot"],
        },
      ],
      // the listed owner has write access, which a listed login needs to count
      permissions: { octocat: "admin" },
    },
    {
      issueBodyEditsSince: since,
      listIssueEvents: async () => [
        { id: 1, event: "labeled", actor: { login: "octocat" }, label: { name: "autopilot" }, created_at: labelledAt },
      ],
    },
  );
  return { ctx: contextOn(github, { ...defaultConfig(), owners: ["octocat"] }), github, since };
}
const check = (ctx: ReturnType<typeof repository>["ctx"]) =>
  checkSpecAnswer(ctx, entryFor(4, ["needs_owner"]), question, '["GET /widgets pages"]', app);

describe("checkSpecAnswer", () => {
  it("refuses an answer after an edit by someone without authority, naming them", async () => {
    const { ctx, since } = repository([edit("mallory")]);
    const checked = await check(ctx);
    expect(checked).toMatchObject({ refused: expect.stringContaining("edited by @mallory after Q-1 was asked") });
    // weighed from the label, which came before the question
    expect(since).toHaveBeenCalledWith(4, labelledAt);
  });

  it("sees through the app's own edits (answered fields) to the author's edit before them", async () => {
    const { ctx } = repository([edit("autopilot", "Bot"), edit("mallory")]);
    expect(await check(ctx)).toMatchObject({ refused: expect.stringContaining("@mallory") });
  });

  it("names ghost for an editor GitHub no longer names", async () => {
    const { ctx } = repository([edit(null)]);
    expect(await check(ctx)).toMatchObject({ refused: expect.stringContaining("edited by @ghost") });
  });

  it("takes the body when an owner edited last, only the app did, or nobody did", async () => {
    for (const edits of [[edit("octocat"), edit("mallory")], [edit("autopilot", "Bot")], []]) {
      const { ctx } = repository(edits);
      expect(await check(ctx)).toEqual({ field: "acceptance", seen: body });
    }
  });
});

describe("resumeSpec", () => {
  it("writes nothing and dispatches nothing when the body changed since the check", async () => {
    const { ctx, github } = repository([], `${body}\n\nrisk: low`);
    const dispatch = vi.fn(async () => undefined);
    const resumed = await resumeSpec(
      ctx,
      entryFor(4, ["needs_owner"]),
      { field: "acceptance", text: '["GET /widgets pages"]', seen: body },
      dispatch,
    );
    expect(resumed).toMatchObject({ refused: expect.stringContaining("edited while the answer was being recorded") });
    expect(github.state.issueUpdates).toEqual([]);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it("dispatches with the body it wrote, so an edit after it is not taken", async () => {
    const { ctx, github } = repository([]);
    const dispatch = vi.fn(async () => undefined);
    await resumeSpec(
      ctx,
      entryFor(4, ["needs_owner"]),
      { field: "acceptance", text: '["GET /widgets pages"]', seen: body },
      dispatch,
    );
    const written = (github.state.issueUpdates[0]?.update as { body?: string } | undefined)?.body;
    expect(written).toContain("GET /widgets pages");
    expect(dispatch).toHaveBeenCalledWith(4, written);
  });
});
