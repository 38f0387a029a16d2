/** The check run of the scope gate; apart from the gate so that naming it loads no path matcher. */
export const scopeGateName = "autopilot/scope";
