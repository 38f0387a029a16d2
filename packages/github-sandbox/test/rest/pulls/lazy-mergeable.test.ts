import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { Sandbox } from "../../../src/index.js";
import { pushCommit } from "../../helpers/push-commit.js";

const repo = { owner: "acme", repo: "widgets" };
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe("Sandbox.start({ lazyMergeable: true })", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => sandbox?.stop());

  it("answers mergeable null on the first read after the head or the base moved, computed on the next", async () => {
    sandbox = await Sandbox.start({ lazyMergeable: true, validateResponses: true });
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
    await pushCommit(user, "feature", "Feature", { "feature.txt": "f\n" });
    // the answer to the create call is the first read; webhook payloads carry null until a read computed it
    const opened = await user.rest.pulls.create({ ...repo, head: "feature", base: "main", title: "Feature" });
    expect(opened.data).toMatchObject({ mergeable: null, mergeable_state: "unknown" });
    const read = async () => (await user.rest.pulls.get({ ...repo, pull_number: opened.data.number })).data;
    expect(await read()).toMatchObject({ mergeable: true, mergeable_state: "clean" });

    await pushCommit(user, "feature", "More", { "more.txt": "m\n" });
    await sandbox.idle();
    const synchronize = sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.find((item) => item.event === "pull_request" && item.action === "synchronize");
    const payload = sandbox.deliveries.get(synchronize?.id ?? -1)?.request.payload as {
      pull_request?: { mergeable: unknown };
    };
    expect(payload.pull_request?.mergeable).toBeNull();
    expect(await read()).toMatchObject({ mergeable: null, mergeable_state: "unknown", merge_commit_sha: null });
    expect(await read()).toMatchObject({ mergeable: true });

    await pushCommit(user, "main", "Base moves", { "base.txt": "b\n" });
    expect((await read()).mergeable).toBeNull();
    expect((await read()).mergeable).toBe(true);
  });
});
