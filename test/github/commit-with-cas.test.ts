import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AliasFailure,
  type CarriedMutation,
  CasExhaustedError,
  commitWithCas,
  KnownCommits,
  readTextFile,
} from "../../src/github/index.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

let gh: GithubFixture;
beforeAll(async () => {
  gh = await startGithubFixture();
});
afterAll(() => gh.close());

const noWait = () => Promise.resolve();

/** An update that appends `line` to `file`, as a queue transition appends to ops/queue.jsonl. */
const append = (file: string, line: string) => async (read: (path: string) => Promise<string | undefined>) => ({
  [file]: `${(await read(file)) ?? ""}${line}\n`,
});

describe("commitWithCas", () => {
  it("commits a change on top of the branch head and moves the ref", async () => {
    const before = await gh.commit("cas-basic", { "keep.txt": "kept\n" });
    const result = await commitWithCas(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      branch: "cas-basic",
      message: "autopilot: write",
      update: async () => ({ "ops/new.txt": "hello\n", "keep.txt": "changed\n" }),
    });
    expect(result.attempts).toBe(1);
    expect(result.sha).toMatch(/^[0-9a-f]{40}$/);
    const { data: commit } = await gh.user.rest.git.getCommit({
      owner: gh.owner,
      repo: gh.repo,
      commit_sha: result.sha ?? "",
    });
    expect(commit.parents.map((parent) => parent.sha)).toEqual([before]);
    expect(commit.message).toBe("autopilot: write");
    expect(await readTextFile(gh.user, { owner: gh.owner, repo: gh.repo, path: "ops/new.txt", ref: "cas-basic" })).toBe(
      "hello\n",
    );
    expect(await readTextFile(gh.user, { owner: gh.owner, repo: gh.repo, path: "keep.txt", ref: "cas-basic" })).toBe(
      "changed\n",
    );
    // the rest of the tree is kept (base_tree)
    expect(
      await readTextFile(gh.user, { owner: gh.owner, repo: gh.repo, path: ".github/autopilot.yml", ref: "cas-basic" }),
    ).toContain("dispatch:");
  });

  it("deletes files given null", async () => {
    await gh.commit("cas-delete", { "gone.txt": "bye\n" });
    await commitWithCas(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      branch: "cas-delete",
      message: "remove",
      update: async () => ({ "gone.txt": null }),
    });
    expect(
      await readTextFile(gh.user, { owner: gh.owner, repo: gh.repo, path: "gone.txt", ref: "cas-delete" }),
    ).toBeUndefined();
  });

  it("loses no line when 20 writers append to one file at once", async () => {
    await gh.commit("cas-race", { "ops/log.txt": "" });
    const lines = Array.from({ length: 20 }, (_, index) => `line ${index}`);
    const results = await Promise.all(
      lines.map((line) =>
        commitWithCas(gh.app, {
          owner: gh.owner,
          repo: gh.repo,
          branch: "cas-race",
          message: `append ${line}`,
          update: append("ops/log.txt", line),
          // each round lets one of the 20 through: the last may need many more than the default 6
          maxAttempts: 60,
        }),
      ),
    );
    const text = await readTextFile(gh.user, { owner: gh.owner, repo: gh.repo, path: "ops/log.txt", ref: "cas-race" });
    expect(text?.split("\n").filter(Boolean).sort()).toEqual([...lines].sort());
    // the race was real: somebody had to retry
    expect(results.some((result) => result.attempts > 1)).toBe(true);
    const { data: log } = await gh.user.rest.repos.listCommits({
      owner: gh.owner,
      repo: gh.repo,
      sha: "cas-race",
      per_page: 30,
    });
    expect(log.filter((commit) => commit.commit.message.startsWith("append "))).toHaveLength(20);
  }, 180_000);

  it("re-reads and re-applies the update when the branch moved after it read", async () => {
    await gh.commit("cas-nonff", { "ops/log.txt": "first\n" });
    let calls = 0;
    const result = await commitWithCas(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      branch: "cas-nonff",
      message: () => `append mine, attempt ${calls}`,
      sleep: noWait,
      update: async (read) => {
        calls += 1;
        const current = (await read("ops/log.txt")) ?? "";
        // another writer lands between our read and our ref update, once
        if (calls === 1) await gh.commit("cas-nonff", { "ops/log.txt": `${current}theirs\n` });
        return { "ops/log.txt": `${current}mine\n` };
      },
    });
    expect(result.attempts).toBe(2);
    expect(calls).toBe(2);
    expect(await readTextFile(gh.user, { owner: gh.owner, repo: gh.repo, path: "ops/log.txt", ref: "cas-nonff" })).toBe(
      "first\ntheirs\nmine\n",
    );
    const { data: commit } = await gh.user.rest.git.getCommit({
      owner: gh.owner,
      repo: gh.repo,
      commit_sha: result.sha ?? "",
    });
    expect(commit.message).toBe("append mine, attempt 2");
    // the first commit was refused (STALE_DATA, on a 200 as GitHub answers it): two mutations in all
    expect(gh.sandbox.requests().filter((request) => request.operationId === "graphql").length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it("gives up after maxAttempts with CasExhaustedError, backing off between attempts", async () => {
    await gh.commit("cas-exhaust", { "f.txt": "0\n" });
    const waits: number[] = [];
    let round = 0;
    const attempt = commitWithCas(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      branch: "cas-exhaust",
      message: "never lands",
      maxAttempts: 3,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
      update: async (read) => {
        round += 1;
        await gh.commit("cas-exhaust", { "f.txt": `${round}\n` });
        return { "f.txt": `${(await read("f.txt")) ?? ""}mine\n` };
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(CasExhaustedError);
    expect(round).toBe(3);
    expect(waits).toEqual([50, 100]);
  });

  it("goes on past maxAttempts while its waits add up to less than maxWaitMs, then gives up", async () => {
    await gh.commit("cas-outwait", { "f.txt": "0\n" });
    const waits: number[] = [];
    let round = 0;
    // another writer lands a commit before each of the first five attempts, then stops
    const outwaited = await commitWithCas(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      branch: "cas-outwait",
      message: "lands after the burst",
      maxAttempts: 2,
      maxWaitMs: 10_000,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
      update: async (read) => {
        round += 1;
        if (round <= 5) await gh.commit("cas-outwait", { "f.txt": `${round}\n` });
        return { "f.txt": `${(await read("f.txt")) ?? ""}mine\n` };
      },
    });
    expect(outwaited.attempts).toBe(6);
    const path = "f.txt";
    expect(await readTextFile(gh.user, { owner: gh.owner, repo: gh.repo, path, ref: "cas-outwait" })).toBe("5\nmine\n");
    // past the attempts, the waits may grow beyond the usual 2 s ceiling
    expect(waits).toEqual([50, 100, 200, 400, 800]);

    waits.length = 0;
    const spent = commitWithCas(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      branch: "cas-outwait",
      message: "never lands",
      maxAttempts: 2,
      maxWaitMs: 300,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
      update: async (read) => {
        round += 1;
        await gh.commit("cas-outwait", { "f.txt": `${round}\n` });
        return { "f.txt": `${(await read("f.txt")) ?? ""}mine\n` };
      },
    });
    await expect(spent).rejects.toBeInstanceOf(CasExhaustedError);
    // 50 + 100 + 200 = 350 ≥ 300 after the fourth attempt
    expect(waits).toEqual([50, 100, 200]);
  });

  it("takes its own claim commit for written when the retried request meets it as stale", async () => {
    await gh.commit("cas-claim-retried", { "ops/queue.jsonl": "" });
    // what Octokit's retry plugin does after a 502 on a commit GitHub made all the same: the same
    // mutation again, which GitHub answers STALE_DATA, the head being the commit the first one made
    const retriedOnce = () => {
      let retried = false;
      const client = Object.create(gh.app) as typeof gh.app;
      const graphql = (async (query: string, variables?: Record<string, unknown>) => {
        if (retried || !query.includes("createCommitOnBranch")) return gh.app.graphql(query, variables);
        retried = true;
        await gh.app.graphql(query, variables);
        return gh.app.graphql(query, variables);
      }) as typeof gh.app.graphql;
      Object.defineProperty(client, "graphql", { value: graphql });
      return client;
    };
    const queue = '{"id":"T-7"}\n';
    const write = (message: string) =>
      commitWithCas(retriedOnce(), {
        owner: gh.owner,
        repo: gh.repo,
        branch: "cas-claim-retried",
        message,
        // read first, as a queue change does: a change already there is no change
        update: async (read) => ((await read("ops/queue.jsonl")) === queue ? null : { "ops/queue.jsonl": queue }),
        sleep: noWait,
      });
    const headOf = async () =>
      (await gh.user.rest.repos.getBranch({ owner: gh.owner, repo: gh.repo, branch: "cas-claim-retried" })).data.commit;

    const claimed = await write("autopilot: T-7 (new) → in_progress\n\nTask: T-7\nClaim: 0a1b2c3d4e5f\n");
    const head = await headOf();
    expect(claimed.sha).toBe(head.sha);
    expect(head.commit.message).toContain("Claim: 0a1b2c3d4e5f");

    // without a claim, a commit with the same change is not taken for one's own: nothing written
    await gh.commit("cas-claim-retried", { "ops/queue.jsonl": "" });
    expect((await write("autopilot: T-7 in_progress")).sha).toBeUndefined();
  });

  it("writes nothing when update returns null or changes nothing", async () => {
    await gh.commit("cas-noop", { "same.txt": "same\n" });
    const mark = gh.mark();
    const none = await commitWithCas(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      branch: "cas-noop",
      message: "x",
      update: async () => null,
    });
    const same = await commitWithCas(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      branch: "cas-noop",
      message: "x",
      update: async (read) => ({ "same.txt": (await read("same.txt")) ?? "", "absent.txt": null }),
    });
    expect(none).toEqual({ sha: undefined, attempts: 1 });
    expect(same).toEqual({ sha: undefined, attempts: 1 });
    const calls = gh.callsSince(mark);
    expect(calls.filter((call) => call.method !== "GET")).toEqual([]);
    // the second reads same.txt, and absent.txt to learn there is nothing to delete
    expect(calls.map((call) => call.operationId)).toEqual([
      "repos/get-branch",
      "repos/get-branch",
      "repos/get-content",
      "repos/get-content",
    ]);
  });

  it("lets other errors through without retrying", async () => {
    await expect(
      commitWithCas(gh.app, {
        owner: gh.owner,
        repo: gh.repo,
        branch: "no-such-branch",
        message: "x",
        update: async () => ({ a: "b" }),
      }),
    ).rejects.toMatchObject({ status: 404 });
    gh.sandbox.server.setFaults([{ match: { operationId: "graphql" }, kind: "5xx", status: 502, times: 1 }]);
    await gh.commit("cas-5xx", { "a.txt": "a\n" });
    let calls = 0;
    await expect(
      commitWithCas(gh.app, {
        owner: gh.owner,
        repo: gh.repo,
        branch: "cas-5xx",
        message: "x",
        sleep: noWait,
        update: async () => {
          calls += 1;
          return { "a.txt": "b\n" };
        },
      }),
    ).rejects.toMatchObject({ status: 502 });
    expect(calls).toBe(1);
    gh.sandbox.server.setFaults([]);
  });

  it("writes a commit in two calls: the branch and createCommitOnBranch (plus one read per file read)", async () => {
    await gh.commit("cas-count", { "q.txt": "a\n" });
    const mark = gh.mark();
    await commitWithCas(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      branch: "cas-count",
      message: "x",
      update: append("q.txt", "b"),
    });
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual([
      "repos/get-branch",
      "repos/get-content",
      "graphql",
    ]);
  });

  it("reads a file of another branch in the commit's own request (readAlong)", async () => {
    await gh.commit("cas-along", { "q.txt": "a\n" });
    await gh.commit("main", { "ops/por.json": '{"plan":1}\n' });
    const known = new KnownCommits();
    const options = { owner: gh.owner, repo: gh.repo, branch: "cas-along", known, update: append("q.txt", "b") };
    const mark = gh.mark();
    const found = await commitWithCas(gh.app, { ...options, message: "x", readAlong: "main:ops/por.json" });
    expect(found).toMatchObject({ sha: expect.any(String), readAlong: { text: '{"plan":1}\n' } });
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual([
      "repos/get-branch",
      "repos/get-content",
      "graphql",
    ]);
    // a path the branch does not have: known absent, no read of its own
    const missing = await commitWithCas(gh.app, { ...options, message: "y", readAlong: "main:ops/none.json" });
    expect(missing).toMatchObject({ readAlong: { text: undefined } });
    // a directory has no text: the caller reads it as before
    const tree = await commitWithCas(gh.app, { ...options, message: "z", readAlong: "main:ops" });
    expect(tree.sha).toEqual(expect.any(String));
    expect(tree).not.toHaveProperty("readAlong");
  });

  describe("carry: the first attempt sent in another request", () => {
    /** A carrier as the label mirror is one: its own field after the carried one, in one request. */
    const carrier =
      (calls: string[], fail?: Error) =>
      async (mutation: CarriedMutation): Promise<void> => {
        const query = `mutation (${mutation.declarations.join(", ")}) {\n  ${mutation.fields.join("\n  ")}\n}`;
        calls.push(query);
        try {
          mutation.onAnswer(await gh.app.graphql<Record<string, unknown>>(query, { ...mutation.variables }), []);
        } catch (error) {
          const { data, errors } = error as { data?: Record<string, unknown>; errors?: AliasFailure[] };
          const failed = (errors ?? []).map((entry) => ({
            ...entry,
            alias: String((entry as unknown as { path: string[] }).path[0]),
          }));
          mutation.onAnswer(data, failed);
        }
        if (fail) throw fail;
      };

    it("commits in the carrier's request, and on its own after a refusal as stale", async () => {
      const first = await gh.commit("cas-carry", { "q.txt": "a\n" });
      const known = new KnownCommits();
      known.setHead("acme/widgets", "cas-carry", first);
      const calls: string[] = [];
      const options = { owner: gh.owner, repo: gh.repo, branch: "cas-carry", known, message: "x" };
      const mark = gh.mark();
      const done = await commitWithCas(gh.app, { ...options, update: append("q.txt", "b"), carry: carrier(calls) });
      expect(calls).toHaveLength(1);
      expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual(["repos/get-content", "graphql"]);
      expect(known.head("acme/widgets", "cas-carry")).toBe(done.sha);

      // another writer moves the branch: the carried attempt is refused, the next one goes alone
      await gh.commit("cas-carry", { "q.txt": "a\nb\ntheirs\n" });
      const again = await commitWithCas(gh.app, {
        ...options,
        update: append("q.txt", "c"),
        carry: carrier(calls),
        sleep: noWait,
      });
      expect(calls).toHaveLength(2);
      const text = await readTextFile(gh.app, { owner: gh.owner, repo: gh.repo, path: "q.txt", ref: "cas-carry" });
      expect(text).toBe("a\nb\ntheirs\nc\n");
      expect(again.sha).toBe(await gh.sandbox.repo.git.getRef("refs/heads/cas-carry"));
    });

    it("records a commit the carrier's request made before throwing, then throws its error", async () => {
      const head = await gh.commit("cas-carry-throw", { "q.txt": "a\n" });
      const known = new KnownCommits();
      known.setHead("acme/widgets", "cas-carry-throw", head);
      const labels = new Error("a label refused");
      const commit = commitWithCas(gh.app, {
        ...{ owner: gh.owner, repo: gh.repo, branch: "cas-carry-throw", known, message: "x" },
        update: append("q.txt", "b"),
        carry: carrier([], labels),
      });
      await expect(commit).rejects.toBe(labels);
      const moved = await gh.sandbox.repo.git.getRef("refs/heads/cas-carry-throw");
      expect(moved).not.toBe(head);
      expect(known.head("acme/widgets", "cas-carry-throw")).toBe(moved);
    });
  });

  it("starts from the head it wrote last, reading nothing it knows, and recovers when another writer moved it", async () => {
    await gh.commit("cas-known", { "q.txt": "a\n" });
    const known = new KnownCommits();
    const write = (line: string) =>
      commitWithCas(gh.app, {
        owner: gh.owner,
        repo: gh.repo,
        branch: "cas-known",
        message: line,
        update: append("q.txt", line),
        known,
      });
    await write("b");
    const mark = gh.mark();
    await write("c");
    // the instance wrote the branch last and knows q.txt there: one call
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual(["graphql"]);

    // someone else pushes: the guess is stale, GitHub refuses it, the head and file are read, nothing is lost
    await gh.commit("cas-known", { "q.txt": "a\nb\nc\ntheirs\n" });
    const moved = gh.mark();
    const result = await write("d");
    expect(result.attempts).toBe(1);
    expect(gh.callsSince(moved).map((call) => call.operationId)).toEqual([
      "graphql",
      "repos/get-branch",
      "repos/get-content",
      "graphql",
    ]);
    expect(await readTextFile(gh.user, { owner: gh.owner, repo: gh.repo, path: "q.txt", ref: "cas-known" })).toBe(
      "a\nb\nc\ntheirs\nd\n",
    );
  });
});
