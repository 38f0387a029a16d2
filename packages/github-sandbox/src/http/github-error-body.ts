import type { GithubErrorDetail } from "./sandbox-http-error.js";

/** GitHub's fallback documentation link, used where no operation applies. */
export const restDocumentationUrl = "https://docs.github.com/rest";

export interface GithubErrorBody {
  message: string;
  errors?: Array<GithubErrorDetail | string>;
  documentation_url: string;
  status: string;
}

/** GitHub's error body, keys in GitHub's order: `{"message", "errors"?, "documentation_url", "status"}`. */
export function githubErrorBody(
  status: number,
  message: string,
  documentationUrl: string,
  errors?: Array<GithubErrorDetail | string>,
): GithubErrorBody {
  return {
    message,
    ...(errors && errors.length > 0 ? { errors } : {}),
    documentation_url: documentationUrl,
    status: String(status),
  };
}
