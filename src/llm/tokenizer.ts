import { createRequire } from "node:module";

/**
 * OpenAI's BPE encodings, from `gpt-tokenizer` (pure JavaScript, the same ranks as `tiktoken`).
 * Each encoding's rank table is loaded on first use (about 0.1 s and a few MB for `o200k_base`),
 * so a process that never counts tokens never pays for it.
 */

interface Encoding {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

const load = createRequire(import.meta.url);
const loaded = new Map<string, Encoding>();
let modelEncodings: Readonly<Record<string, string>> | undefined;

/** The encoding every current OpenAI model uses (GPT-4o, GPT-4.1, GPT-5, the o-series). */
export const defaultEncoding = "o200k_base";

/** Names `gpt-tokenizer` ships rank tables for; a model can only map to one of these. */
const encodingNames = new Set([
  "o200k_base",
  "o200k_harmony",
  "cl100k_base",
  "p50k_base",
  "p50k_edit",
  "r50k_base",
  "gpt2",
]);

/**
 * The encoding of an OpenAI model, by `gpt-tokenizer`'s model catalog (dated snapshots such as
 * `gpt-4o-2024-08-06` included): the catalog maps older models to their encodings and ships one
 * module per model, every model without a mapping using `o200k_base`. `known` is false for a
 * name the catalog does not have, such as a model behind an OpenAI-compatible gateway: it is
 * counted with `o200k_base` too, which is what OpenAI uses for new models, but not exactly.
 */
export function openAiEncodingOf(model: string): { encoding: string; known: boolean } {
  modelEncodings ??= (load("gpt-tokenizer/cjs/mapping") as { modelToEncodingMap: Record<string, string> })
    .modelToEncodingMap;
  const encoding = Object.hasOwn(modelEncodings, model) ? modelEncodings[model] : undefined;
  if (encoding !== undefined && encodingNames.has(encoding)) return { encoding, known: true };
  return { encoding: defaultEncoding, known: inCatalog(model) };
}

/** Whether `gpt-tokenizer` ships a module for the model (names with a path separator never match). */
function inCatalog(model: string): boolean {
  if (!/^[A-Za-z0-9][\w.-]*$/.test(model)) return false;
  try {
    load.resolve(`gpt-tokenizer/cjs/model/${model}`);
    return true;
  } catch {
    return false;
  }
}

/** Special-token text (`<|endoftext|>`) in a diff is counted as the plain text it is, never rejected. */
const asPlainText = { disallowedSpecial: new Set<string>() };

/** Exact BPE token count of `text` in `encoding`. */
export function bpeCount(text: string, encoding: string = defaultEncoding): number {
  if (text === "") return 0;
  let coder = loaded.get(encoding);
  if (coder === undefined) {
    if (!encodingNames.has(encoding))
      throw new Error(
        `autopilot: unknown BPE encoding \`${encoding}\`; expected one of ${[...encodingNames].join(", ")}`,
      );
    coder = load(`gpt-tokenizer/cjs/encoding/${encoding}`) as Encoding;
    loaded.set(encoding, coder);
  }
  return coder.countTokens(text, asPlainText);
}
