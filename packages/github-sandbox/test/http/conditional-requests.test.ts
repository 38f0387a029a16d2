import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { owner, repo, startHttpFixture, type HttpFixture } from "./http-fixture.js";

/**
 * GitHub's conditional requests: every successful GET carries an `ETag`; a GET sending it back in
 * `If-None-Match` is answered `304 Not Modified` with no body while the answer is unchanged, and
 * an authorized 304 does not count against the primary rate limit.
 */
describe("conditional GETs (ETag / If-None-Match)", () => {
  let fixture: HttpFixture;

  beforeAll(async () => {
    fixture = await startHttpFixture();
  });
  afterAll(() => fixture.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${fixture.url}/api/v3/repos/${owner}/${repo}/${path}`, {
      headers: { authorization: `token ${fixture.installationToken}`, ...headers },
    });
  const used = (response: Response) => Number(response.headers.get("x-ratelimit-used"));

  it("tags a GET, answers the same tag 304 without a body, and does not count it", async () => {
    const first = await get("pulls/7");
    expect(first.status).toBe(200);
    const tag = first.headers.get("etag");
    expect(tag).toMatch(/^W\/"[0-9a-f]+"$/);
    expect(first.headers.get("vary")).toContain("Authorization");

    const again = await get("pulls/7", { "if-none-match": tag ?? "" });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(tag);
    expect(used(again)).toBe(used(first));

    // a plain GET counts again
    expect(used(await get("pulls/7"))).toBe(used(first) + 1);
  });

  it("answers 200 with the body when the tag names another answer", async () => {
    const seven = (await get("pulls/7")).headers.get("etag") ?? "";
    const eight = await get("pulls/8", { "if-none-match": seven });
    expect(eight.status).toBe(200);
    expect(((await eight.json()) as { params: { pull_number: number } }).params.pull_number).toBe(8);
  });

  it("compares weakly and takes a list of tags", async () => {
    const tag = (await get("pulls/9")).headers.get("etag") ?? "";
    const strong = tag.replace(/^W\//, "");
    expect((await get("pulls/9", { "if-none-match": strong })).status).toBe(304);
    expect((await get("pulls/9", { "if-none-match": `"other", ${tag}` })).status).toBe(304);
  });

  it("never answers a write 304", async () => {
    const created = await fetch(`${fixture.url}/api/v3/repos/${owner}/${repo}/check-runs`, {
      method: "POST",
      headers: {
        authorization: `token ${fixture.installationToken}`,
        "content-type": "application/json",
        "if-none-match": "*",
      },
      body: JSON.stringify({ name: "ci", head_sha: "a".repeat(40) }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBeNull();
  });
});
