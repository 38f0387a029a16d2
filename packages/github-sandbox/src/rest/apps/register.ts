import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { registerAccessTokenHandlers } from "./access-tokens.js";
import { registerDeliveryHandlers } from "./deliveries.js";
import { registerHookConfigHandlers } from "./hook-config.js";
import { registerInstallationHandlers } from "./installations.js";
import { registerSuspensionHandlers } from "./installation-suspension.js";

/** The app's own endpoints (app JWT) and the installation-token endpoints under `/installation`. */
export function registerAppHandlers(server: HandlerRegistry, ctx: RestContext): void {
  registerInstallationHandlers(server, ctx);
  registerAccessTokenHandlers(server, ctx);
  registerDeliveryHandlers(server, ctx);
  registerHookConfigHandlers(server, ctx);
  registerSuspensionHandlers(server, ctx);
}
