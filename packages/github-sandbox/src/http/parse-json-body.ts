import { restDocumentationUrl } from "./github-error-body.js";
import { SandboxHttpError } from "./sandbox-http-error.js";

/** A JSON request body; malformed JSON gets GitHub's 400 "Problems parsing JSON". */
export function parseJsonBody(raw: Buffer, documentationUrl: string = restDocumentationUrl): unknown {
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (error) {
    if (error instanceof SyntaxError) throw new SandboxHttpError(400, "Problems parsing JSON", { documentationUrl });
    throw error;
  }
}
