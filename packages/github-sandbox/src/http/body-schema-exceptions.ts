/** A label given by name, or as `{ name }`. */
const labelList = {
  type: "array",
  items: {
    anyOf: [{ type: "string" }, { type: "object", properties: { name: { type: "string" } }, required: ["name"] }],
  },
};

/**
 * The label bodies GitHub takes: `{ labels: [...] }`, the bare array, or a single name. The
 * description marks `labels` `minItems: 1` with `oneOf` branches, while its own text says an
 * empty array clears the labels and the bare forms are accepted, and GitHub's API does that.
 */
const labelsBody = { anyOf: [{ type: "object", properties: { labels: labelList } }, labelList, { type: "string" }] };

/**
 * The bodies of the protected branch's actor lists (`…/protection/restrictions/apps`, `/users`):
 * `{ apps: [...] }` as described, or the bare array, which is what Octokit sends (its
 * `requestBodyParameterName` maps the parameter to the whole body) and GitHub takes.
 */
const namesBody = (key: string) => {
  const names = { type: "array", items: { type: "string" } };
  return { anyOf: [{ type: "object", properties: { [key]: names }, required: [key] }, names] };
};

/**
 * Request bodies GitHub accepts beyond what its OpenAPI description allows, by operation id:
 * the description is validated as written everywhere else.
 */
export const bodySchemaExceptions: Readonly<Record<string, object>> = {
  "issues/add-labels": labelsBody,
  "issues/set-labels": labelsBody,
  "repos/add-app-access-restrictions": namesBody("apps"),
  "repos/set-app-access-restrictions": namesBody("apps"),
  "repos/remove-app-access-restrictions": namesBody("apps"),
  "repos/add-user-access-restrictions": namesBody("users"),
  "repos/set-user-access-restrictions": namesBody("users"),
  "repos/remove-user-access-restrictions": namesBody("users"),
};
