import type { ConfigIssue, ConfigResult } from "./config-issue.js";
import { configFilePath, configSchema } from "./config-schema.js";
import { codeSpan, describeValue } from "./describe-value.js";
import { describeZodIssue } from "./describe-zod-issue.js";
import { formatIssuePath } from "./format-issue-path.js";
import type { LocateTarget, YamlLocator } from "./create-yaml-locator.js";
import { knownKeyPaths, objectKeysAt } from "./schema-keys.js";
import { suggestKey } from "./suggest-key.js";

const allKeyPaths = knownKeyPaths(configSchema);

const unknownKeyMessage = (key: string, parent: readonly PropertyKey[], allowed: readonly string[]): string => {
  const where = parent.length === 0 ? "at the top level" : `in ${codeSpan(formatIssuePath(parent))}`;
  const guess = suggestKey(key, allowed);
  const elsewhere = allKeyPaths
    .filter((path) => path.length > 0 && path[path.length - 1] === key)
    .map((path) => path.join("."));
  let advice = "";
  if (guess !== undefined) {
    advice = ` Did you mean ${codeSpan(guess)}?`;
  } else if (elsewhere.length > 0) {
    advice = ` It belongs at ${elsewhere.map(codeSpan).join(" or ")}.`;
  }
  const list = allowed.length > 0 ? ` Allowed keys here: ${allowed.map(codeSpan).join(", ")}.` : "";
  return `unknown key ${codeSpan(key)} ${where}.${advice}${list}`;
};

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * Position of a path in the input's own key order, which is the file's order for parsed YAML:
 * the sort key that lists issues top to bottom whether or not the source text is known. A key
 * missing from the input sorts after its present siblings.
 */
const documentOrder = (root: unknown, path: readonly PropertyKey[]): number[] => {
  const order: number[] = [];
  let value = root;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === "number") {
      order.push(segment);
      value = value[segment];
    } else if (isMapping(value)) {
      const index = Object.keys(value).indexOf(String(segment));
      order.push(index === -1 ? Number.MAX_SAFE_INTEGER : index);
      value = value[String(segment)];
    } else {
      order.push(Number.MAX_SAFE_INTEGER);
      value = undefined;
    }
  }
  return order;
};

const compareOrder = (a: readonly number[], b: readonly number[]): number => {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
};

/**
 * Validates an already-parsed configuration value and turns every zod issue into a
 * {@link ConfigIssue}, located in the source when a locator is given. Issues come back in file
 * order so a reader can walk the file from top to bottom.
 */
export const checkConfigValue = (
  value: unknown,
  locate: YamlLocator | undefined,
  file = configFilePath,
): ConfigResult => {
  // An empty file, or none at all, means "all defaults".
  const input = value === undefined || value === null ? {} : value;
  if (!isMapping(input)) {
    return {
      ok: false,
      issues: [
        {
          path: "",
          ...locate?.([]),
          message: `${codeSpan(file)} must be a mapping of settings (\`key: value\` lines, like \`paused: false\`), got ${describeValue(input)}`,
        },
      ],
    };
  }
  const result = configSchema.safeParse(input, { error: describeZodIssue });
  if (result.success) return { ok: true, config: result.data };

  const located: { order: number[]; issue: ConfigIssue }[] = [];
  const add = (path: readonly PropertyKey[], message: string, target: LocateTarget) => {
    located.push({
      order: documentOrder(input, path),
      issue: { path: formatIssuePath(path), ...locate?.(path, target), message },
    });
  };
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      const allowed = objectKeysAt(configSchema, issue.path, input) ?? [];
      for (const key of issue.keys) add([...issue.path, key], unknownKeyMessage(key, issue.path, allowed), "key");
    } else {
      add(issue.path, issue.message, issue.code === "invalid_key" ? "key" : "value");
    }
  }
  located.sort((a, b) => compareOrder(a.order, b.order));
  return { ok: false, issues: located.map(({ issue }) => issue) };
};
