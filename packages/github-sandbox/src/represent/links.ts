/**
 * Where a representation points: the API base URL as the client called it (with `/api/v3` for a
 * GitHub Enterprise-style client) and the web base for `html_url`s. Webhooks use the sandbox's own.
 */
export interface Links {
  /** `http://127.0.0.1:3000` or `http://127.0.0.1:3000/api/v3`, no trailing slash */
  api: string;
  /** `http://127.0.0.1:3000`, the stand-in for `https://github.com` */
  web: string;
}

/** The web base for an API base: the same origin, without `/api/v3`. */
export function linksFor(apiUrl: string): Links {
  return { api: apiUrl, web: apiUrl.replace(/\/api\/v3$/, "") };
}
