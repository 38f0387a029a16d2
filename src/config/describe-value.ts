const maxShown = 30;

/** Renders a string as a Markdown code span that survives backticks inside it. */
export const codeSpan = (text: string): string => {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
};

/**
 * A short, human description of a value found in the file, for "got …" in messages. Long values
 * are cut so a message stays one readable line.
 */
export const describeValue = (value: unknown): string => {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  // Parsers following YAML 1.1 (js-yaml, which Probot uses) turn unquoted dates into Date objects.
  if (value instanceof Date) return `the date ${codeSpan(value.toISOString().slice(0, 10))} (quote it to keep it text)`;
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") {
    const shown = value.length > maxShown ? `${value.slice(0, maxShown)}…` : value;
    return value === "" ? "an empty string" : `the text ${codeSpan(shown)}`;
  }
  return codeSpan(String(value));
};
