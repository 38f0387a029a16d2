/** The check run of the concordance gate; apart from the gate so that naming it loads no schema. */
export const concordanceGateName = "autopilot/concordance";
