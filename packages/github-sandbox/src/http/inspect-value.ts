/**
 * A value the way GitHub's (Ruby) validator prints it in error messages: `nil`, `"text"`, `42`,
 * `["a", "b"]`, `{"key" => "value"}`.
 */
export function inspectValue(value: unknown): string {
  if (value === null || value === undefined) return "nil";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inspectValue).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)} => ${inspectValue(item)}`);
    return `{${entries.join(", ")}}`;
  }
  return String(value);
}

/** Ruby's `to_s`: strings bare, nil empty. GitHub prints enum misses this way (`done is not a member of …`). */
export function valueToS(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : inspectValue(value);
}
