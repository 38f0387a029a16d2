import { SandboxHttpError } from "../../http/index.js";
import type { PullRequestRuleParameters } from "../../state/index.js";

const flags = [
  "dismiss_stale_reviews_on_push",
  "require_code_owner_review",
  "require_last_push_approval",
  "required_review_thread_resolution",
] as const;

const mergeMethods = new Set(["merge", "squash", "rebase"]);

const invalid = (message: string): SandboxHttpError =>
  new SandboxHttpError(422, "Validation Failed", { errors: [message] });

/**
 * A `pull_request` rule's parameters as GitHub's description has them: the review count (0 to 10)
 * and the four flags are required; `allowed_merge_methods` is optional (all three when left out,
 * as GitHub reports it) but must keep at least one. `dismissal_restriction` and
 * `required_reviewers` (beta) are refused through `notModelled` rather than accepted and ignored.
 */
export function pullRequestRuleParameters(
  parameters: Record<string, unknown>,
  notModelled: (what: string) => SandboxHttpError,
): PullRequestRuleParameters {
  const count = parameters.required_approving_review_count;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > 10)
    throw invalid("pull_request.required_approving_review_count must be an integer from 0 to 10");
  for (const flag of flags) {
    if (typeof parameters[flag] !== "boolean") throw invalid(`pull_request.${flag} must be a boolean`);
  }
  if (parameters.dismissal_restriction !== undefined) throw notModelled("The pull_request dismissal_restriction");
  if (Array.isArray(parameters.required_reviewers) && parameters.required_reviewers.length > 0)
    throw notModelled("The pull_request required_reviewers");
  const methods = parameters.allowed_merge_methods ?? ["merge", "squash", "rebase"];
  if (!Array.isArray(methods) || methods.some((method) => !mergeMethods.has(method)))
    throw invalid("pull_request.allowed_merge_methods must hold merge, squash or rebase");
  if (methods.length === 0) throw invalid("pull_request.allowed_merge_methods: at least one option must be enabled");
  return {
    required_approving_review_count: count,
    dismiss_stale_reviews_on_push: parameters.dismiss_stale_reviews_on_push as boolean,
    require_code_owner_review: parameters.require_code_owner_review as boolean,
    require_last_push_approval: parameters.require_last_push_approval as boolean,
    required_review_thread_resolution: parameters.required_review_thread_resolution as boolean,
    allowed_merge_methods: [...new Set(methods as PullRequestRuleParameters["allowed_merge_methods"])],
  };
}
