/**
 * Reading Octokit's `RequestError`s without depending on its class: adapters catch only the
 * statuses they expect (404/409/422) and let everything else propagate.
 */

/** The HTTP status of a failed request, or undefined for anything that is not an HTTP answer. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

/** GitHub's own message (`response.data.message`), else the error's message. */
export function messageOf(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const data = (error as { response?: { data?: unknown } }).response?.data;
  if (typeof data === "object" && data !== null) {
    const message = (data as { message?: unknown }).message;
    if (typeof message === "string") return message;
  }
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" ? message : String(error);
}

export const isNotFound = (error: unknown): boolean => statusOf(error) === 404;

/**
 * A lost compare-and-swap on a ref: GitHub answers a non-forced `PATCH /git/refs` whose new
 * commit does not descend from the ref's current one with 422 "Update is not a fast forward";
 * under heavy contention it also answers 422 "Reference cannot be updated", and some writes that
 * pin an expected sha answer 409. All mean "re-read and try again".
 */
export function isNotFastForward(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 409) return true;
  return status === 422 && /not a fast[- ]forward|reference cannot be updated/i.test(messageOf(error));
}

/**
 * A 422 whose validation errors say the resource exists (`code: already_exists`), as creating a
 * label another writer created first answers, or whose message says so, as creating a ref another
 * writer created first answers ("Reference already exists", without validation errors).
 */
export function isAlreadyExists(error: unknown): boolean {
  if (statusOf(error) !== 422) return false;
  if (/^reference already exists$/i.test(messageOf(error))) return true;
  const data = (error as { response?: { data?: { errors?: unknown } } }).response?.data;
  const errors = Array.isArray(data?.errors) ? (data.errors as unknown[]) : [];
  return errors.some(
    (item) => typeof item === "object" && item !== null && (item as { code?: unknown }).code === "already_exists",
  );
}

/**
 * GitHub refusing a write because the app lacks the `workflows` permission: a merge or an
 * update-branch that would bring a change to `.github/workflows/` (403), a contents write there
 * (403), a ref move that changes one (422). It never heals by itself: a person must do it (or the
 * app be granted `workflows: write`). Returns the workflow file GitHub named, or undefined.
 */
export function workflowsPermissionRefusal(error: unknown): { path: string } | undefined {
  const status = statusOf(error);
  if (status !== 403 && status !== 422) return undefined;
  const refusal =
    /refusing to allow a GitHub App to create or update workflow `?([^`\s]+)`? without `?workflows`? permission/i;
  const match = refusal.exec(messageOf(error));
  return match?.[1] === undefined ? undefined : { path: match[1] };
}
