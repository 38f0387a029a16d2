import { Ajv, type Options } from "ajv";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under NodeNext its callable sits on `default`.
const addFormats = addFormatsModule.default;

/** Formats GitHub's description names that ajv-formats does not know; GitHub checks none of them. */
const unchecked = ["int32", "int64", "double", "float", "uri-template", "repo.nwo", "timestamp", "binary"];

/**
 * An ajv set up for GitHub's OpenAPI 3.0.3 description: draft-07 with `nullable`, every error
 * reported (GitHub lists them all), the failing value kept for GitHub-style messages, and no
 * console output of its own.
 */
export function createAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
    verbose: true,
    logger: false,
    ...extra,
  });
  addFormats(ajv);
  for (const format of unchecked) ajv.addFormat(format, true);
  return ajv;
}
