/**
 * `merge.policy.high.full`, `owners[2]`, `review.prices["gpt-4.1"]`: dots for ordinary keys,
 * brackets where a dot would be ambiguous.
 */
export const formatIssuePath = (path: readonly PropertyKey[]): string => {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") {
      text += `[${segment}]`;
    } else {
      const key = String(segment);
      text += /^[A-Za-z_][\w-]*$/.test(key) ? `${text === "" ? "" : "."}${key}` : `[${JSON.stringify(key)}]`;
    }
  }
  return text;
};
