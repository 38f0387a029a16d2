import type { ApplicationFunction } from "probot";
import { healthHandler } from "./health.js";
import { version } from "./version.js";

/**
 * The Probot app function: registers handlers, nothing else.
 * Webhook workflows (dispatch, gates, review, merge, commands) are registered here as they land.
 */
const autopilot: ApplicationFunction = (app, { addHandler }) => {
  addHandler(healthHandler(version));
  app.log.info({ version }, "autopilot loaded");
};

export default autopilot;
