import { SandboxHttpError } from "../../http/index.js";

/** GitHub's limit on issue and comment bodies, in characters. */
const maxBodyLength = 65536;

/** A title GitHub accepts: not blank (422 `missing_field` otherwise); numbers become text. */
export function checkTitle(title: string | number): string {
  const text = String(title);
  if (text.trim() === "") {
    throw new SandboxHttpError(422, "Validation Failed", {
      errors: [{ resource: "Issue", code: "missing_field", field: "title" }],
    });
  }
  return text;
}

/** A body within GitHub's 65536 characters: 422 "body is too long" otherwise. */
export function checkBody<T extends string | null>(body: T, resource: "Issue" | "IssueComment"): T {
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
