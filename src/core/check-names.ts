import { concordanceGateName } from "./concordance/evaluate-concordance-gate.js";
import { scopeGateName } from "./scope/evaluate-scope-gate.js";
import { SECRETS_GATE_NAME } from "./secrets/evaluate-secrets-gate.js";

export { concordanceGateName, scopeGateName, SECRETS_GATE_NAME };

/** The three deterministic gates, in the order they are reported; each is a check run on the head commit. */
export const gateNames = [scopeGateName, concordanceGateName, SECRETS_GATE_NAME] as const;
export type GateName = (typeof gateNames)[number];

/** The check run the two-model review reports. */
export const reviewCheckName = "autopilot/review";

/** The check run that reports an invalid `.github/autopilot.yml`. */
export const configCheckName = "autopilot/config";

export const isGateName = (name: string): name is GateName => (gateNames as readonly string[]).includes(name);
