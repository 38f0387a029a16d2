import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { ConditionalReads } from "../../src/github/index.js";

const MB = 1024 * 1024;

/**
 * A GitHub stand-in that tags every body with an ETag and answers a matching If-None-Match with
 * 304, recording which requests were conditional: enough to watch what the store keeps.
 */
function taggingGitHub(bodyBytes: (path: string) => number) {
  const conditional: string[] = [];
  const fetch = async (url: string | URL, init?: { headers?: Record<string, string> }) => {
    const path = new URL(url.toString()).pathname;
    const etag = `"${path}"`;
    const sent = init?.headers?.["if-none-match"];
    if (sent !== undefined) conditional.push(path);
    if (sent === etag) return new Response(null, { status: 304, headers: { etag } });
    const body = JSON.stringify({ path, filler: "x".repeat(bodyBytes(path)) });
    return new Response(body, { status: 200, headers: { etag, "content-type": "application/json" } });
  };
  const octokit = new ProbotOctokit({ request: { fetch }, throttle: { enabled: false }, retry: { enabled: false } });
  return { octokit, conditional };
}

describe("the conditional-read store stays bounded", () => {
  it("keeps at most 32 MB of bodies and drops the oldest first", async () => {
    const reads = new ConditionalReads();
    const { octokit, conditional } = taggingGitHub(() => 400 * 1024);
    reads.install(octokit);
    // 100 different reads of ~400 KB each: 40 MB, more than the store may hold
    for (let n = 0; n < 100; n += 1) await octokit.request("GET /repos/acme/widgets/issues/{n}", { n });
    expect(reads.kept.bytes).toBeLessThanOrEqual(32 * MB);
    expect(reads.kept.responses).toBeLessThan(100);
    expect(reads.kept.responses).toBeGreaterThan(70);

    // the newest is still kept (asked conditionally, answered 304); the oldest was dropped
    await octokit.request("GET /repos/acme/widgets/issues/{n}", { n: 99 });
    await octokit.request("GET /repos/acme/widgets/issues/{n}", { n: 0 });
    expect(conditional).toEqual(["/repos/acme/widgets/issues/99"]);
    expect(reads.notModified).toBe(1);
  });

  it("does not keep a body larger than 512 KB", async () => {
    const reads = new ConditionalReads();
    const { octokit, conditional } = taggingGitHub((path) => (path.endsWith("/big") ? 600 * 1024 : 10));
    reads.install(octokit);
    await octokit.request("GET /repos/acme/widgets/big");
    await octokit.request("GET /repos/acme/widgets/big");
    expect(conditional).toEqual([]);
    expect(reads.kept.responses).toBe(0);
  });

  it("keeps at most the configured number of responses", async () => {
    const reads = new ConditionalReads(3);
    const { octokit } = taggingGitHub(() => 10);
    reads.install(octokit);
    for (let n = 0; n < 10; n += 1) await octokit.request("GET /repos/acme/widgets/issues/{n}", { n });
    expect(reads.kept.responses).toBe(3);
  });
});
