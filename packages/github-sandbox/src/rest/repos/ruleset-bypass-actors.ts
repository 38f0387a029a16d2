import type { SandboxHttpError } from "../../http/index.js";
import type { RulesetBypassActor } from "../../state/ruleset-state.js";
import type { RestContext } from "../rest-context.js";

const bypassModes: readonly string[] = ["always", "pull_request", "exempt"];

/**
 * A ruleset body's `bypass_actors`, of which the sandbox models apps (`actor_type: "Integration"`)
 * it knows: its own app and the other apps installed in it. The other actor types (teams,
 * repository roles, organization admins, deploy keys, users) are refused as not implemented rather
 * than stored and not honoured. The wording for an app GitHub does not know is the best reading.
 */
export function bypassActorsOf(
  ctx: RestContext,
  list: unknown,
  notModelled: (what: string) => SandboxHttpError,
  invalid: (message: string) => SandboxHttpError,
): RulesetBypassActor[] {
  if (!Array.isArray(list)) throw invalid("bypass_actors must be an array");
  return list.map((entry: unknown) => {
    const actor = (entry ?? {}) as { actor_id?: unknown; actor_type?: unknown; bypass_mode?: unknown };
    if (actor.actor_type !== "Integration") throw notModelled(`The bypass actor type "${String(actor.actor_type)}"`);
    const mode = actor.bypass_mode ?? "always";
    if (typeof mode !== "string" || !bypassModes.includes(mode))
      throw invalid(`bypass_mode must be one of ${bypassModes.join(", ")}`);
    if (typeof actor.actor_id !== "number" || ctx.state.appById(actor.actor_id) === undefined)
      throw invalid(`Actor ${String(actor.actor_id)} is not a valid Integration`);
    return {
      actor_id: actor.actor_id,
      actor_type: "Integration",
      bypass_mode: mode as RulesetBypassActor["bypass_mode"],
    };
  });
}
