/** One entry of a GitHub 422's `errors` list: `{ resource: "Label", code: "invalid", field: "color" }`. */
export interface GithubErrorDetail {
  resource?: string;
  field?: string;
  code: string;
  message?: string;
  value?: unknown;
}

export interface SandboxHttpErrorExtra {
  errors?: Array<GithubErrorDetail | string>;
  /** Defaults to the operation's documentation page, as GitHub's errors link it. */
  documentationUrl?: string;
  headers?: Record<string, string>;
}

/**
 * An answer GitHub gives as an error, thrown by a handler: `new SandboxHttpError(404, "Not Found")`,
 * `new SandboxHttpError(422, "Validation Failed", { errors: [...] })`. The server turns it into
 * GitHub's JSON error body with the status repeated as a string.
 */
export class SandboxHttpError extends Error {
  override readonly name = "SandboxHttpError";
  readonly status: number;
  readonly extra: SandboxHttpErrorExtra;

  constructor(status: number, message: string, extra: SandboxHttpErrorExtra = {}) {
    super(message);
    // 301 too: GitHub answers a moved resource (a transferred issue) with an error body and `Location`
    if (!Number.isInteger(status) || (status !== 301 && (status < 400 || status > 599))) {
      throw new RangeError(`SandboxHttpError: ${status} is not an error status; return a response instead`);
    }
    this.status = status;
    this.extra = extra;
  }
}
