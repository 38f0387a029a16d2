import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS; under NodeNext its callable sits on `default`.
const addFormats = addFormatsModule.default;

type WebhookSpec = {
  webhooks: Record<
    string,
    { post: { requestBody: { content: { "application/json": { schema: { $ref: string } } } } } }
  >;
};

/** `issues`+`labeled` → `issues-labeled`, the key of GitHub's webhook description. */
export const webhookKey = (event: string, action: string | undefined): string =>
  (action ? `${event}-${action}` : event).replaceAll("_", "-");

export const describeErrors = (validate: ValidateFunction): string =>
  (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ""}`).join("; ");

/**
 * The enum of an app's subscribed `events` (`check_suite.app.events`, `performed_via_github_app.events`)
 * lists `merge_group` in some of the description's webhooks (`check_suite.completed`) and not in
 * others (`check_suite.rerequested`), while GitHub shows an app's events alike in every payload: the
 * older copies of the enum get it too, so an app subscribed to `merge_group` (Autopilot's) validates.
 */
function allowMergeGroupInAppEvents(node: unknown): void {
  if (node === null || typeof node !== "object") return;
  const values = (node as { enum?: unknown }).enum;
  if (Array.isArray(values) && values.includes("check_run") && values.includes("workflow_run")) {
    if (!values.includes("merge_group")) values.push("merge_group");
    return;
  }
  for (const child of Object.values(node)) allowMergeGroupInAppEvents(child);
}

/**
 * The validator of GitHub's current schema (`@octokit/openapi-webhooks`, api.github.com) for an
 * event and action. The package's index.js imports every GHES variant (36 MB); one file is enough.
 */
export function loadWebhookValidators(): (event: string, action: string | undefined) => ValidateFunction {
  const spec = JSON.parse(
    readFileSync(require.resolve("@octokit/openapi-webhooks/generated/api.github.com.json"), "utf8"),
  ) as WebhookSpec;
  allowMergeGroupInAppEvents(spec);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  // GitHub's own bot addresses (`41898282+github-actions[bot]@users.noreply.github.com`) fail
  // ajv-formats' e-mail pattern, so the check is "one @, no spaces", which GitHub's addresses meet.
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
  ajv.addSchema(spec, "webhooks");
  return (event, action) => {
    const webhook = spec.webhooks[webhookKey(event, action)];
    if (!webhook) throw new Error(`no webhook schema for ${webhookKey(event, action)}`);
    const validate = ajv.getSchema(`webhooks${webhook.post.requestBody.content["application/json"].schema.$ref}`);
    if (!validate) throw new Error(`schema not found for ${webhookKey(event, action)}`);
    return validate;
  };
}
