import { configSchema } from "./config-schema.js";
import { jsonSchemaFor } from "./json-schema-for.js";

/** JSON Schema of `.github/autopilot.yml`, for editors and for `docs/autopilot.schema.json`. */
export function configJsonSchema(): object {
  return jsonSchemaFor(configSchema, { title: "Autopilot configuration (.github/autopilot.yml)" });
}
