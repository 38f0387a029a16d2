import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { Sandbox } from "../../../src/index.js";
import { pushCommit } from "../../helpers/push-commit.js";

const repo = { owner: "acme", repo: "widgets" };
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const lines = (count: number, prefix: string): string =>
  Array.from({ length: count }, (_, i) => `${prefix} ${i}`).join("\n") + "\n";

describe("Sandbox.start({ diffLimits })", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => sandbox?.stop());

  async function start(diffLimits?: { patchBytes?: number; responseLines?: number }) {
    sandbox = await Sandbox.start({ validateResponses: true, ...(diffLimits ? { diffLimits } : {}) });
    const auth = { token: sandbox.userToken() };
    const user = new ProbotOctokit({
      baseUrl: sandbox.apiUrl,
      auth,
      log: silent,
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    const main = (await user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    await user.rest.git.createRef({ ...repo, ref: "refs/heads/feature", sha: main });
    return user;
  }

  it("leaves out the patch of a file whose diff is too large, keeping its line counts, as GitHub does", async () => {
    const user = await start({ patchBytes: 200 });
    await pushCommit(user, "feature", "Big and small", { "big.txt": lines(40, "big line"), "small.txt": "small\n" });
    const pull = await user.rest.pulls.create({ ...repo, head: "feature", base: "main", title: "Big" });

    const compared =
      (await user.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "main...feature" })).data.files ?? [];
    const listed = (await user.rest.pulls.listFiles({ ...repo, pull_number: pull.data.number })).data;
    const commit = (await user.rest.repos.getCommit({ ...repo, ref: "feature" })).data.files ?? [];
    for (const files of [compared, listed, commit]) {
      const big = files.find((file) => file.filename === "big.txt");
      expect(big).toMatchObject({ additions: 40, deletions: 0, changes: 40, status: "added" });
      expect(big).not.toHaveProperty("patch");
      expect(files.find((file) => file.filename === "small.txt")).toMatchObject({
        additions: 1,
        patch: "@@ -0,0 +1 @@\n+small",
      });
    }
  });

  it("past the lines one answer shows, later files come with no patch and zero counts", async () => {
    const user = await start({ responseLines: 10 });
    await pushCommit(user, "feature", "Two files", { "a.txt": lines(12, "a"), "b.txt": lines(3, "b") });
    const files =
      (await user.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "main...feature" })).data.files ?? [];
    expect(files.find((file) => file.filename === "a.txt")).toMatchObject({
      additions: 12,
      patch: expect.stringContaining("+a 11"),
    });
    const b = files.find((file) => file.filename === "b.txt");
    expect(b).toMatchObject({ additions: 0, deletions: 0, changes: 0 });
    expect(b).not.toHaveProperty("patch");
  });

  it("uses GitHub's limits by default: a file of a few lines keeps its patch", async () => {
    const user = await start();
    expect(sandbox?.state.diffLimits).toEqual({ patchBytes: 1024 * 1024, responseLines: 20_000 });
    await pushCommit(user, "feature", "Small", { "a.txt": lines(3, "a") });
    const files =
      (await user.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "main...feature" })).data.files ?? [];
    expect(files[0]).toMatchObject({ filename: "a.txt", additions: 3, patch: expect.stringContaining("+a 2") });
  });

  it("leaves a file over 1 MB out of the contents API, as GitHub does; its blob still serves it", async () => {
    const user = await start();
    const big = "x".repeat(1024 * 1024 + 1);
    await pushCommit(user, "feature", "Big file", { "big.txt": big });
    const { data } = await user.rest.repos.getContent({ ...repo, path: "big.txt", ref: "feature" });
    expect(data).toMatchObject({ type: "file", size: big.length, content: "", encoding: "none" });
    const blob = (await user.rest.git.getBlob({ ...repo, file_sha: (data as { sha: string }).sha })).data;
    expect(Buffer.from(blob.content, "base64").toString("utf8")).toBe(big);
  });

  it("refuses limits that are not whole numbers with a clear error", async () => {
    await expect(Sandbox.start({ diffLimits: { patchBytes: -1 } })).rejects.toThrow(
      "sandbox diffLimits: patchBytes must be a whole number >= 0, got -1",
    );
  });
});
