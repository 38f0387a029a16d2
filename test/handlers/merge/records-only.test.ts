import { describe, expect, it } from "vitest";
import type { ComparedHead } from "../../../src/github/port.js";
import { dropForeignRecordsPush, extendsRecordsOnly } from "../../../src/handlers/merge/records-only.js";
import { contextOn, fakeGitHubPort } from "../../helpers/fake-github-port.js";

const repository = "acme/widgets";
const branch = "autopilot/records";
const [mainHead, own1, own2, pushed] = ["a", "b", "c", "d"].map((letter) => letter.repeat(40)) as [
  string,
  string,
  string,
  string,
];
const recordsPull = { number: 90, headSha: pushed, headRef: branch, baseRef: "main", fromFork: false };

/** The records branch as GitHub compares it with main: the app's commit `own1`, then a writer's. */
const compared: ComparedHead = {
  behindBy: 0,
  totalCommits: 2,
  commits: [
    { sha: own1, author: { login: "autopilot[bot]" }, committer: { login: "web-flow" } },
    { sha: pushed, author: { login: "agent-bot" }, committer: { login: "agent-bot" } },
  ],
  files: [
    { filename: "docs/PROGRESS.md", status: "modified", additions: 1, deletions: 0, changes: 1 },
    { filename: "src/auth/guard.ts", status: "added", additions: 1, deletions: 0, changes: 1 },
  ] as ComparedHead["files"],
};

const setUp = (answer: ComparedHead = compared) => {
  const github = fakeGitHubPort(
    {},
    {
      compareWithBase: async () => answer,
      branchSha: async () => mainHead,
      resetBranch: async () => {},
      comment: async () => {},
    },
  );
  const ctx = contextOn(github);
  const known = ctx.services.knownCommits;
  // the app started the branch at main and committed its records on it
  known.markRecordsOnly(repository, mainHead);
  known.committed(repository, own1, new Map(), [["docs/PROGRESS.md", "p\n"]], mainHead, "autopilot: records");
  known.setHead(repository, branch, own1);
  return { github, ctx, known };
};

describe("extendsRecordsOnly", () => {
  it("vouches for the app's commit on a head of records alone, and for nothing on another", () => {
    const { ctx, known } = setUp();
    expect(extendsRecordsOnly(ctx, own1)).toBe(true);
    expect(known.isRecordsOnly(repository, own1)).toBe(true);
    // the app's commit that landed on a writer's push is its own, yet not records alone
    known.committed(repository, own2, new Map(), [["docs/PROGRESS.md", "q\n"]], pushed, "autopilot: records");
    expect(extendsRecordsOnly(ctx, own2)).toBe(false);
    expect(known.isRecordsOnly(repository, own2)).toBe(false);
    expect(extendsRecordsOnly(ctx, pushed)).toBe(false);
  });
});

describe("dropForeignRecordsPush", () => {
  it("puts the branch back at the app's last records head and names what it dropped", async () => {
    const { github, ctx } = setUp();
    extendsRecordsOnly(ctx, own1);
    await dropForeignRecordsPush(ctx, recordsPull);
    expect(github.callsTo("resetBranch")).toEqual([[branch, own1]]);
    const [[pull, body]] = github.callsTo("comment") as [[number, string]];
    expect(pull).toBe(90);
    expect(body).toContain(`\`${pushed}\``);
    expect(body).toContain("`src/auth/guard.ts`");
    expect(body).not.toContain(own1);
  });

  it("goes back to main's head when it knows no head of records alone", async () => {
    const { github, ctx } = setUp();
    await dropForeignRecordsPush(ctx, recordsPull);
    expect(github.callsTo("resetBranch")).toEqual([[branch, mainHead]]);
  });

  it("asks nothing for the app's own records head, nor for another pull request", async () => {
    const { github, ctx } = setUp();
    extendsRecordsOnly(ctx, own1);
    await dropForeignRecordsPush(ctx, { ...recordsPull, headSha: own1 });
    await dropForeignRecordsPush(ctx, { ...recordsPull, headRef: "autopilot/T-5-x" });
    await dropForeignRecordsPush(ctx, { ...recordsPull, fromFork: true });
    expect(github.callsTo("compareWithBase")).toEqual([]);
  });

  it("leaves a branch of the app's records alone, and vouches for its head", async () => {
    const clean = {
      ...compared,
      totalCommits: 1,
      commits: compared.commits.slice(0, 1),
      files: compared.files.slice(0, 1),
    };
    const { github, ctx, known } = setUp(clean);
    await dropForeignRecordsPush(ctx, { ...recordsPull, headSha: own1 });
    expect(github.callsTo("resetBranch")).toEqual([]);
    expect(github.callsTo("comment")).toEqual([]);
    expect(known.isRecordsOnly(repository, own1)).toBe(true);
  });
});
