/**
 * Credentials that standards and vendors print in their documentation, and that libraries quote
 * in their docs and tests: the OAuth RFCs' example tokens, the API reference's test key. They
 * grant nothing, and every copy of them is an example. Kept as fingerprints (`fingerprintSecret`,
 * as an owner's allowlist keeps them), so that the repository holds no credential-shaped text.
 */
export const DOCUMENTED_EXAMPLE_FINGERPRINTS: ReadonlySet<string> = new Set([
  "sha256:a35b81a7d7927b70", // RFC 6749 authorization code
  "sha256:6c96130f130ab0d6", // RFC 6749 access token
  "sha256:00cf4c781dc37003", // RFC 6749 refresh token
  "sha256:e9974c507d2a8021", // RFC 6749 client secret
  "sha256:ca7459e2b26776de", // RFC 6749 Basic client credentials
  "sha256:53f5da0aaa93d64c", // RFC 6749 client secret
  "sha256:b8e148545b13c78b", // RFC 6749 bearer token
  "sha256:a71b359a87afde13", // RFC 6749 mac token
  "sha256:ea9bdfd02c0c412c", // RFC 7009 refresh token
  "sha256:293257ab6495ebb1", // RFC 5849 client key
  "sha256:cb87c87e4a138d9a", // RFC 5849 client secret
  "sha256:4c20e6f5cc11b937", // RFC 5849 temporary token
  "sha256:6aa14267d94944e6", // RFC 5849 temporary secret
  "sha256:bb9b1163338b2a51", // RFC 5849 token
  "sha256:649e1f5c769e718b", // RFC 5849 token secret
  "sha256:5586407997f5e849", // RFC 5849 verifier
  "sha256:80f8b7c904d4a43f", // RFC 5849 client key
  "sha256:2ff8b0fb93aca981", // RFC 5849 token
  "sha256:8d567eb88afff34f", // RFC 5849 client key
  "sha256:9d03b692e941d5ac", // RFC 5849 token
  "sha256:13d31e961a1ad8ec", // RFC 7636 code verifier
  "sha256:2cafc0970149a84f", // Stripe API reference test key
]);
