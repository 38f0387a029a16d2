type Payload = Record<string, unknown>;

const isObject = (value: unknown): value is Payload =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const looksLikeRepository = (value: Payload): boolean =>
  typeof value.full_name === "string" && "owner" in value && "has_issues" in value;

/** Repositories gained `has_discussions` (a required field now) after most examples were recorded. */
function addHasDiscussions(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) addHasDiscussions(item);
    return;
  }
  if (!isObject(value)) return;
  if (looksLikeRepository(value) && !("has_discussions" in value)) value.has_discussions = false;
  for (const child of Object.values(value)) addHasDiscussions(child);
}

const toIsoSeconds = (value: unknown): unknown =>
  typeof value === "number" ? new Date(value * 1000).toISOString().replace(/\.\d{3}Z$/, "Z") : value;

/**
 * Small fixes that make the examples match `@octokit/openapi-webhooks` 12 (the current schema),
 * found by validating every example the sandbox sends; the webhooks tests list the raw examples
 * that fail and check every corrected payload:
 * - `pull_request.synchronize`, `pull_request_review.submitted` and `push`: repositories lack
 *   `has_discussions`;
 * - `status`: the commit's `verification` lacks `verified_at`;
 * - `installation.created`: no `app_slug`, and `created_at`/`updated_at` are Unix seconds where
 *   GitHub now sends ISO 8601 strings.
 */
export function correctSchemaDrift(key: string, payload: Payload): Payload {
  addHasDiscussions(payload);
  const commit = isObject(payload.commit) && isObject(payload.commit.commit) ? payload.commit.commit : undefined;
  if (key === "status" && commit && isObject(commit.verification)) commit.verification.verified_at ??= null;
  if (key === "installation.created" && isObject(payload.installation)) {
    const installation = payload.installation;
    installation.app_slug ??= "example-app";
    installation.created_at = toIsoSeconds(installation.created_at);
    installation.updated_at = toIsoSeconds(installation.updated_at);
  }
  return payload;
}
