import { describe, expect, it } from "vitest";
import { backoffDelay, isAlreadyExists, isNotFastForward, isNotFound, statusOf } from "../../src/github/index.js";

/** Shaped like Octokit's RequestError: `status` and GitHub's body in `response.data`. */
const githubError = (status: number, data: { message: string; errors?: unknown[] }) =>
  Object.assign(new Error(`${data.message} - https://docs.github.com/rest`), { name: "HttpError", status, response: { status, data } });

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
    const taken = githubError(422, { message: "Validation Failed", errors: [{ resource: "Label", code: "already_exists", field: "name" }] });
    expect(isAlreadyExists(taken)).toBe(true);
    expect(isAlreadyExists(githubError(422, { message: "Validation Failed", errors: [{ code: "invalid" }] }))).toBe(false);
    // creating a ref another writer created first: GitHub says so in the message only
    expect(isAlreadyExists(githubError(422, { message: "Reference already exists" }))).toBe(true);
    expect(isAlreadyExists(githubError(422, { message: "Reference cannot be updated" }))).toBe(false);
  });
});

describe("backoffDelay", () => {
  it("draws uniformly below a doubling ceiling, capped", () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6, 10].map((retry) => backoffDelay(retry, { random: top }))).toEqual([99, 199, 399, 799, 1599, 1999, 1999]);
    expect(backoffDelay(3, { random: () => 0 })).toBe(0);
  });
});
