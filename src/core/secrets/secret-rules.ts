import { GENERIC_RULES } from "./find-generic-secrets.js";
import { PRIVATE_KEY_RULE } from "./find-private-keys.js";
import { providerRules } from "./provider-rules.js";

/** Every rule id a finding can carry, with what it detects (for docs and the CLI). */
export const secretRules: ReadonlyArray<{ id: string; description: string }> = [
  ...providerRules,
  PRIVATE_KEY_RULE,
  ...GENERIC_RULES,
].map(({ id, description }) => ({ id, description }));
