import type { Probot } from "probot";
import { probotAppPort } from "../github/index.js";

/**
 * The app's bot login, `<slug>[bot]`: the actor recorded in the queue and the author the app
 * recognises its own comments by. Asked once per app instance (`GET /app`, with the app's JWT).
 */
export function botLogin(app: Probot): () => Promise<string> {
  let login: Promise<string> | undefined;
  return () => {
    login ??= probotAppPort(app)
      .slug()
      .then((slug) => `${slug ?? "autopilot"}[bot]`);
    login.catch(() => {
      login = undefined;
    });
    return login;
  };
}
