import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  isAlreadyExists,
  isNotFastForward,
  isNotFound,
  statusOf,
  workflowsPermissionRefusal,
} from "../../src/github/index.js";

/** Shaped like Octokit's RequestError: `status` and GitHub's body in `response.data`. */
const githubError = (status: number, data: { message: string; errors?: unknown[] }) =>
  Object.assign(new Error(`${data.message} - https://docs.github.com/rest`), {
    name: "HttpError",
    status,
    response: { status, data },
  });

describe("error helpers", () => {
  it("read the status of Octokit errors and nothing else", () => {
    expect(statusOf(githubError(404, { message: "Not Found" }))).toBe(404);
    expect(statusOf(new Error("boom"))).toBeUndefined();
    expect(statusOf("nope")).toBeUndefined();
    expect(isNotFound(githubError(404, { message: "Not Found" }))).toBe(true);
    expect(isNotFound(githubError(403, { message: "Forbidden" }))).toBe(false);
  });

  it("recognise a lost ref race, and only that", () => {
    expect(isNotFastForward(githubError(422, { message: "Update is not a fast forward" }))).toBe(true);
    expect(isNotFastForward(githubError(422, { message: "Reference cannot be updated" }))).toBe(true);
    expect(isNotFastForward(githubError(409, { message: "Reference is at another sha" }))).toBe(true);
    expect(isNotFastForward(githubError(422, { message: "Validation Failed" }))).toBe(false);
    expect(isNotFastForward(githubError(500, { message: "Update is not a fast forward" }))).toBe(false);
  });

  it("recognise a resource that already exists", () => {
    const taken = githubError(422, {
      message: "Validation Failed",
      errors: [{ resource: "Label", code: "already_exists", field: "name" }],
    });
    expect(isAlreadyExists(taken)).toBe(true);
    expect(isAlreadyExists(githubError(422, { message: "Validation Failed", errors: [{ code: "invalid" }] }))).toBe(
      false,
    );
    // creating a ref another writer created first: GitHub says so in the message only
    expect(isAlreadyExists(githubError(422, { message: "Reference already exists" }))).toBe(true);
    expect(isAlreadyExists(githubError(422, { message: "Reference cannot be updated" }))).toBe(false);
  });
});

describe("backoffDelay", () => {
  it("draws uniformly below a doubling ceiling, capped", () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6, 10].map((retry) => backoffDelay(retry, { random: top }))).toEqual([
      99, 199, 399, 799, 1599, 1999, 1999,
    ]);
    expect(backoffDelay(3, { random: () => 0 })).toBe(0);
  });
});

describe("workflowsPermissionRefusal", () => {
  const answer = (status: number, message: string) => ({ status, response: { data: { message } } });

  it("names the workflow GitHub refused the app, in either of GitHub's wordings", () => {
    const quoted =
      "refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without `workflows` permission";
    expect(workflowsPermissionRefusal(answer(403, quoted))).toEqual({ path: ".github/workflows/ci.yml" });
    const bare =
      "refusing to allow a GitHub App to create or update workflow .github/workflows/analysis.yml without workflows permission";
    expect(workflowsPermissionRefusal(answer(422, bare))).toEqual({ path: ".github/workflows/analysis.yml" });
  });

  it("is undefined for other refusals", () => {
    expect(workflowsPermissionRefusal(answer(403, "Resource not accessible by integration"))).toBeUndefined();
    expect(
      workflowsPermissionRefusal(
        answer(500, "refusing to allow a GitHub App to create or update workflow x without workflows permission"),
      ),
    ).toBeUndefined();
  });
});
