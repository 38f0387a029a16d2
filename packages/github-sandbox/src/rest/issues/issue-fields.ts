import { SandboxHttpError } from "../../http/index.js";

/** GitHub's limit on issue, pull request, comment and review bodies, in characters (code points). */
const maxBodyLength = 65536;

/** GitHub's limit on issue and pull request titles, in characters (code points). */
const maxTitleLength = 256;

/**
 * Who GitHub names in a body's "too long" error. A pull request's body is an issue's (`Issue`, as
 * GitHub answers `POST /pulls`); for reviews and review comments no answer of GitHub's was found:
 * best reading, the model's own name (`PullRequestReview`, `PullRequestReviewComment`).
 */
export type BodyResource = "Issue" | "IssueComment" | "PullRequestReview" | "PullRequestReviewComment";

/**
 * A title GitHub accepts, for an issue or a pull request alike (GitHub names `Issue` for both):
 * not blank (422 `missing_field`), at most 256 characters (422 "title is too long"); numbers
 * become text. Characters are counted as code points, as for bodies (best reading).
 */
export function checkTitle(title: string | number): string {
  const text = String(title);
  if (text.trim() === "") {
    throw new SandboxHttpError(422, "Validation Failed", {
      errors: [{ resource: "Issue", code: "missing_field", field: "title" }],
    });
  }
  if ([...text].length > maxTitleLength) {
    throw new SandboxHttpError(422, "Validation Failed", {
      errors: [
        {
          resource: "Issue",
          code: "custom",
          field: "title",
          message: `title is too long (maximum is ${maxTitleLength} characters)`,
        },
      ],
    });
  }
  return text;
}

/** A body within GitHub's 65536 characters: 422 "body is too long" otherwise. */
export function checkBody<T extends string | null>(body: T, resource: BodyResource): T {
  if (body !== null && [...(body as string)].length > maxBodyLength) {
    throw new SandboxHttpError(422, "Validation Failed", {
      errors: [
        {
          resource,
          code: "custom",
          field: "body",
          message: `body is too long (maximum is ${maxBodyLength} characters)`,
        },
      ],
    });
  }
  return body;
}
