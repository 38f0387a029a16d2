/** GitHub's refusal to mint a token for a suspended installation (403, any suspension). */
export const suspendedMintMessage = "This installation has been suspended";

/**
 * GitHub's answer (403) to a token minted before its installation was suspended: tokens are not
 * revoked, GitHub checks the installation on every request, so the token works again once the
 * suspension is lifted (if it has not expired). The wording names who suspended it, the app's
 * own suspension first, as GitHub's authentication adaptor does (`suspended_installation_message`,
 * quoted by octokit.rb's `InstallationSuspended` tests for the owner's case).
 */
export function suspendedTokenMessage(
  accountLogin: string,
  suspension: { byApp: { at: string } | null; byOwner: { at: string } | null },
): string | undefined {
  if (suspension.byApp) return `You suspended this installation owned by ${accountLogin} at ${suspension.byApp.at}`;
  if (suspension.byOwner) {
    return `Sorry. This installation owned by ${accountLogin} suspended your access at ${suspension.byOwner.at}.`;
  }
  return undefined;
}
