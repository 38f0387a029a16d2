import type { Document } from "yaml";

export type YamlValue = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * The document as plain data. Untrusted YAML can hold an alias bomb; the yaml library refuses
 * it with a ReferenceError, which becomes a message for the author instead of a crash.
 */
export function yamlValue(doc: Document): YamlValue {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    if (error instanceof ReferenceError) return { ok: false, message: error.message };
    throw error;
  }
}

/** "Map keys must be unique at line 2, column 1:\n\n<code frame>" → "Map keys must be unique". */
export const yamlErrorSummary = (message: string): string =>
  (/^([\s\S]*?) at line \d+, column \d+/.exec(message)?.[1] ?? message.split("\n")[0] ?? message).trim();
