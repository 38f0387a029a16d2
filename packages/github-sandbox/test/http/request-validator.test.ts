import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  loadGithubDescription,
  RequestValidator,
  RouteTable,
  SandboxHttpError,
  type ValidatedRequest,
} from "../../src/http/index.js";

const description = loadGithubDescription();
const routes = RouteTable.fromDescription(description);
const constructStarted = performance.now();
const validator = new RequestValidator(description);
const constructMs = performance.now() - constructStarted;

const sha = (label: string): string => createHash("sha1").update(label).digest("hex");

/** Routes and validates like the server: throws the SandboxHttpError GitHub's answer is made of. */
function validate(method: string, url: string, body?: unknown): ValidatedRequest {
  const match = routes.match(method, url);
  if (!match) throw new Error(`no route for ${method} ${url}`);
  const rawBody = body === undefined ? undefined : Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  return validator.validateRequest(match.described, { params: match.params, query: match.query, rawBody });
}

function refusal(method: string, url: string, body?: unknown): { status: number; message: string } {
  try {
    validate(method, url, body);
  } catch (error) {
    if (error instanceof SandboxHttpError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error(`expected ${method} ${url} to be refused`);
}

describe("RequestValidator", () => {
  // Startup and compile times are measured by the benchmark, not asserted here (shared machines are noisy).
  it("accepts a valid body once constructed", () => {
    expect(constructMs).toBeGreaterThanOrEqual(0);
    expect(() =>
      validate("POST", "/repos/acme/widgets/git/refs", { ref: "refs/heads/a", sha: sha("a") }),
    ).not.toThrow();
  });

  it("coerces path and query strings to the declared types and fills in defaults", () => {
    const validated = validate("GET", "/repos/acme/widgets/pulls/7/files?per_page=100");
    expect(validated.params).toEqual({ owner: "acme", repo: "widgets", pull_number: 7 });
    expect(validated.query).toEqual({ per_page: 100, page: 1 });
  });

  it("words schema violations as GitHub does", () => {
    expect(refusal("POST", "/repos/acme/widgets/git/refs", { ref: "refs/heads/a" })).toEqual({
      status: 422,
      message: 'Invalid request.\n\n"sha" wasn\'t supplied.',
    });
    expect(refusal("POST", "/repos/acme/widgets/git/refs").message).toBe(
      "Invalid request.\n\nFor 'links/0/schema', nil is not an object.",
    );
    expect(refusal("POST", "/repos/acme/widgets/pulls/1/comments", { body: "x", in_reply_to: "5" }).message).toBe(
      'Invalid request.\n\n"commit_id", "path" weren\'t supplied.\nFor \'properties/in_reply_to\', "5" is not an integer.',
    );
    expect(refusal("PUT", "/repos/acme/widgets/immutable-releases", { enabled: true }).message).toBe(
      'Invalid request.\n\n"enabled" is not a permitted key.',
    );
    expect(refusal("PATCH", "/repos/acme/widgets/issues/1", { labels: {} }).message).toContain(
      "For 'properties/labels', {} is not an array.",
    );
  });

  it("enforces the limits GitHub's description carries, such as the check-run summary and annotation caps", () => {
    const annotation = { path: "a.ts", start_line: 1, end_line: 1, annotation_level: "warning", message: "m" };
    const { message } = refusal("POST", "/repos/acme/widgets/check-runs", {
      name: "autopilot/scope",
      head_sha: sha("head"),
      output: { title: "t", summary: "x".repeat(65_536), annotations: Array.from({ length: 51 }, () => annotation) },
    });
    expect(message).toBe(
      "Invalid request.\n\nOnly 65535 characters are allowed; 65536 were supplied.\nOnly 50 items are allowed; 51 were supplied.",
    );
  });

  it("accepts what GitHub accepts, nullable fields included", () => {
    expect(
      validate("PATCH", "/repos/acme/widgets/issues/1", { milestone: null, body: null, state: "closed" }).body,
    ).toEqual({
      milestone: null,
      body: null,
      state: "closed",
    });
    expect(validate("PUT", "/repos/acme/widgets/pulls/3/merge").body).toBeUndefined();
  });

  it("answers malformed JSON with 400 and a bad path parameter with 404", () => {
    expect(refusal("POST", "/repos/acme/widgets/git/refs", "{").status).toBe(400);
    expect(refusal("POST", "/repos/acme/widgets/git/refs", "{").message).toBe("Problems parsing JSON");
    expect(refusal("GET", "/repos/acme/widgets/pulls/seven")).toEqual({ status: 404, message: "Not Found" });
  });

  describe("validateResponse", () => {
    const ref = {
      ref: "refs/heads/a",
      node_id: "REF_a",
      url: "http://127.0.0.1:1/repos/acme/widgets/git/refs/heads/a",
      object: { type: "commit", sha: sha("a"), url: "http://127.0.0.1:1/repos/acme/widgets/git/commits/a" },
    };

    it("passes a faithful response", () => {
      expect(validator.validateResponse("git/create-ref", 201, ref)).toEqual([]);
      expect(validator.validateResponse("git/delete-ref", 204, undefined)).toEqual([]);
    });

    it("catches a response that lacks a required field or has a wrong type", () => {
      const { object: _object, ...withoutObject } = ref;
      expect(validator.validateResponse("git/create-ref", 201, withoutObject)).toEqual([
        "(body) must have required property 'object'",
      ]);
      expect(
        validator.validateResponse("git/create-ref", 201, { ...ref, object: { ...ref.object, sha: null } }),
      ).toEqual(["/object/sha must be string (got nil)"]);
    });

    it("catches an undocumented status and a body where none is documented", () => {
      expect(validator.validateResponse("git/create-ref", 200, ref)).toEqual([
        "200 is not a documented status of git/create-ref (documented: 201, 409, 422)",
      ]);
      expect(validator.validateResponse("git/delete-ref", 204, { deleted: true })).toEqual([
        "git/delete-ref 204 has no body in the description, but one was sent",
      ]);
    });
  });
});
