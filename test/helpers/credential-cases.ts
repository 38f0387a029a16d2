import { ALNUM, BASE64, BASE64URL, DIGITS, HEX, LOWER, RandomTokens, UPPER, base64url } from "./random-tokens.js";

/** [rule id, the credential, the line it sits on] */
export type CredentialCase = [rule: string, secret: string, line: (secret: string) => string];

/**
 * Credentials of every kind the secret rules know (several shapes for some), each with a line that
 * gives it the context its rule needs. Assembled at run time from a seeded generator, so the
 * repository holds no secret-shaped literal; the formats follow `src/core/secrets/provider-rules.ts`.
 */
export function credentialCases(seed: number): CredentialCase[] {
  const r = new RandomTokens(seed);
  const upperHex = HEX.toUpperCase().slice(0, 16);
  const uuid = () =>
    `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-a${r.chars(HEX, 3)}-${r.chars(HEX, 12)}`;
  const liveJwt = () =>
    `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({ sub: "user-42", exp: Math.floor(Date.now() / 1000) + 3600 })}.${r.chars(BASE64URL, 43)}`;
  return [
    ["aws-access-key-id", "AK" + "IA" + r.chars(UPPER + "234567", 16), (s) => `AWS_ACCESS_KEY_ID=${s}`],
    ["aws-access-key-id", "AS" + "IA" + r.chars(UPPER + "234567", 16), (s) => `aws_access_key_id = "${s}"`],
    ["aws-secret-access-key", r.chars(BASE64, 40), (s) => `aws_secret_access_key = ${s}`],
    ["github-token", "gh" + "p_" + r.chars(ALNUM, 36), (s) => `const token = "${s}";`],
    ["github-token", "gh" + "s_" + r.chars(ALNUM, 36), (s) => `git clone https://x-access:${s}@github.com/o/r`],
    [
      "github-fine-grained-pat",
      "github" + "_pat_" + r.chars(ALNUM, 22) + "_" + r.chars(ALNUM, 59),
      (s) => `GITHUB_TOKEN: ${s}`,
    ],
    ["gitlab-token", "gl" + "pat-" + r.chars(ALNUM + "_-", 20), (s) => `export GITLAB_TOKEN=${s}`],
    [
      "slack-token",
      "xo" + "xb-" + r.chars(DIGITS, 12) + "-" + r.chars(DIGITS, 13) + "-" + r.chars(ALNUM, 24),
      (s) => `SLACK_BOT_TOKEN="${s}"`,
    ],
    [
      "slack-webhook",
      "https://hooks." +
        "slack.com/services/T" +
        r.chars(UPPER + DIGITS, 8) +
        "/B" +
        r.chars(UPPER + DIGITS, 10) +
        "/" +
        r.chars(ALNUM, 24),
      (s) => `  "webhook": "${s}",`,
    ],
    ["stripe-secret-key", "sk" + "_live_" + r.chars(ALNUM, 32), (s) => `stripe.api_key = "${s}"`],
    ["stripe-secret-key", "rk" + "_live_" + r.chars(ALNUM, 40), (s) => `Stripe(${JSON.stringify(s)})`],
    [
      "openai-api-key",
      "sk-" + "proj-" + r.chars(BASE64URL, 60) + "T3Blbk" + "FJ" + r.chars(BASE64URL, 60),
      (s) => `new OpenAI({ apiKey: "${s}" })`,
    ],
    ["openai-api-key", "sk-" + r.chars(ALNUM, 20) + "T3Blbk" + "FJ" + r.chars(ALNUM, 20), (s) => `OPENAI_API_KEY=${s}`],
    ["anthropic-api-key", "sk-" + "ant-api03-" + r.chars(BASE64URL, 93) + "AA", (s) => `ANTHROPIC_API_KEY = "${s}"`],
    ["openrouter-api-key", "sk-" + "or-v1-" + r.chars(HEX, 64), (s) => `OPENROUTER_API_KEY=${s}`],
    ["google-api-key", "AI" + "za" + r.chars(BASE64URL, 35), (s) => `<meta name="maps-key" content="${s}">`],
    ["google-oauth-secret", "GOC" + "SPX-" + r.chars(BASE64URL, 28), (s) => `"client_secret": "${s}"`],
    ["npm-token", "np" + "m_" + r.chars(ALNUM, 36), (s) => `//registry.npmjs.org/:_authToken=${s}`],
    ["pypi-token", "pypi-" + "AgEIcHlwaS5vcmc" + r.chars(BASE64URL, 70), (s) => `password = ${s}`],
    ["twilio-api-key", "S" + "K" + r.chars(HEX, 32), (s) => `TWILIO_API_KEY: "${s}"`],
    ["twilio-auth-token", r.chars(HEX, 32), (s) => `twilio_client = Client("A${"C"}${r.chars(HEX, 32)}", "${s}")`],
    [
      "sendgrid-api-key",
      "S" + "G." + r.chars(BASE64URL, 22) + "." + r.chars(BASE64URL, 43),
      (s) => `sgMail.setApiKey("${s}");`,
    ],
    ["huggingface-token", "h" + "f_" + r.chars(LOWER + UPPER, 34), (s) => `HF_TOKEN = "${s}"`],
    ["jwt", liveJwt(), (s) => `const authToken = "${s}";`],
    ["url-credentials", r.chars(ALNUM, 18), (s) => `DATABASE_URL=postgres://app:${s}@db.internal:5432/prod`],
    ["url-credentials", r.chars(ALNUM, 16), (s) => `mongodb+srv://admin:${s}@cluster0.mongodb.net/app`],
    ["shopify-token", "shp" + "at_" + r.chars(HEX, 32), (s) => `SHOPIFY_ACCESS_TOKEN=${s}`],
    [
      "discord-bot-token",
      "https://discord.com/api/" + "webhooks/" + r.chars(DIGITS, 18) + "/" + r.chars(BASE64URL, 68),
      (s) => `url: ${s}`,
    ],
    [
      "telegram-bot-token",
      r.chars(DIGITS, 10) + ":A" + "A" + r.chars(BASE64URL, 33),
      (s) => `bot = Bot(${JSON.stringify(s)})`,
    ],
    ["mailgun-api-key", "key" + "-" + r.chars(ALNUM, 32), (s) => `mailgun.client({ username: "api", key: "${s}" })`],
    ["mailchimp-api-key", r.chars(HEX, 32) + "-us" + "12", (s) => `MAILCHIMP=${s}`],
    [
      "azure-storage-key",
      r.chars(BASE64, 86) + "==",
      (s) => `DefaultEndpointsProtocol=https;AccountName=acme;Account${"Key"}=${s};EndpointSuffix=core.windows.net`,
    ],
    [
      "azure-sas-token",
      r.chars(BASE64, 43) + "%3D",
      (s) => `https://acme.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=r&se=2030-01-01&sig=${s}`,
    ],
    [
      "azure-ad-client-secret",
      r.chars(ALNUM, 3) + "8" + "Q~" + r.chars(ALNUM + "_~.-", 34),
      (s) => `AZURE_CLIENT_SECRET="${s}"`,
    ],
    [
      "azure-container-registry-password",
      r.chars(BASE64, 42) + "+A" + "CR" + r.chars(ALNUM, 6),
      (s) => `docker login acme.azurecr.io -u acme -p ${s}`,
    ],
    ["digitalocean-token", "dop" + "_v1_" + r.chars(HEX, 64), (s) => `DIGITALOCEAN_TOKEN=${s}`],
    ["doppler-token", "dp." + "pt." + r.chars(ALNUM, 43), (s) => `DOPPLER_TOKEN=${s}`],
    ["databricks-token", "dapi" + r.chars(HEX, 32), (s) => `DATABRICKS_TOKEN=${s}`],
    ["linear-api-key", "lin" + "_api_" + r.chars(ALNUM, 40), (s) => `LINEAR_API_KEY=${s}`],
    ["postman-api-key", "PMA" + "K-" + r.chars(HEX, 24) + "-" + r.chars(HEX, 34), (s) => `POSTMAN_API_KEY=${s}`],
    ["sentry-token", "sntry" + "u_" + r.chars(HEX, 64), (s) => `SENTRY_AUTH_TOKEN=${s}`],
    [
      "atlassian-api-token",
      "ATATT" + "3" + r.chars(ALNUM + "_-", 180) + "=" + r.chars(upperHex, 8),
      (s) => `JIRA_API_TOKEN=${s}`,
    ],
    ["heroku-api-key", "HRKU-" + "AA" + r.chars(BASE64URL, 58), (s) => `HEROKU_API_KEY=${s}`],
    ["flyio-token", "fo1" + "_" + r.chars(BASE64URL, 43), (s) => `FLY_API_TOKEN=${s}`],
    ["grafana-token", "gl" + "sa_" + r.chars(ALNUM, 32) + "_" + r.chars(HEX, 8), (s) => `GRAFANA_TOKEN=${s}`],
    ["hashicorp-token", "hv" + "s." + r.chars(BASE64URL, 95), (s) => `VAULT_TOKEN=${s}`],
    ["notion-token", "nt" + "n_" + r.chars(DIGITS, 11) + r.chars(ALNUM, 35), (s) => `NOTION_TOKEN=${s}`],
    ["ai-provider-key", "gs" + "k_" + r.chars(ALNUM, 52), (s) => `GROQ_API_KEY=${s}`],
    ["developer-tool-token", "pn" + "u_" + r.chars(ALNUM, 36), (s) => `PREFECT_API_KEY=${s}`],
    ["square-token", "sq0" + "csp-" + r.chars(BASE64URL, 43), (s) => `SQUARE_SECRET=${s}`],
    ["hubspot-private-app-token", "pat-" + "na1-" + uuid(), (s) => `auth-token: ${s}`],
    ["alibaba-access-key-id", "LT" + "AI" + r.chars(ALNUM, 20), (s) => `ALIBABA_ACCESS_KEY_ID=${s}`],
    ["artifactory-token", "AK" + "Cp" + r.chars(ALNUM, 69), (s) => `ARTIFACTORY_API_KEY=${s}`],
    [
      "mapbox-secret-token",
      "sk" + ".eyJ" + r.chars(BASE64URL, 60) + "." + r.chars(BASE64URL, 22),
      (s) => `MAPBOX_SECRET=${s}`,
    ],
    [
      "firebase-cloud-messaging-key",
      "AAAA" + r.chars(BASE64URL, 7) + ":APA" + "91b" + r.chars(BASE64URL, 134),
      (s) => `FCM_SERVER_KEY=${s}`,
    ],
    ["age-secret-key", "AGE-SECRET-" + "KEY-1" + r.chars("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58), (s) => `# ${s}`],
    ["package-registry-token", "rubygems" + "_" + r.chars(HEX, 48), (s) => `GEM_HOST_API_KEY=${s}`],
    ["package-registry-token", "dckr" + "_pat_" + r.chars(BASE64URL, 27), (s) => `docker login -u ci -p ${s}`],
    ["hosting-platform-token", "sb" + "p_" + r.chars(HEX, 40), (s) => `SUPABASE_ACCESS_TOKEN=${s}`],
    [
      "hosting-platform-token",
      "dt0c01" + "." + r.chars(UPPER + DIGITS, 24) + "." + r.chars(UPPER + DIGITS, 64),
      (s) => `DT_API_TOKEN=${s}`,
    ],
    ["payment-provider-token", "access-" + "production-" + uuid(), (s) => `PLAID_ACCESS_TOKEN=${s}`],
    ["generic-secret", r.chars(HEX, 40), (s) => `client_secret: "${s}"`],
    ["generic-secret", r.chars(ALNUM, 32), (s) => `  "apiKey": "${s}",`],
    ["generic-password", r.chars(ALNUM, 14) + "!#" + r.chars(DIGITS, 3), (s) => `DB_PASSWORD = "${s}"`],
    [
      "slack-webhook",
      "https://hooks." +
        "slack.com/services/T" +
        r.chars(UPPER + DIGITS, 8) +
        "/B" +
        r.chars(UPPER + DIGITS, 10) +
        "/" +
        r.chars(ALNUM, 24),
      (s) => `"webhook": "${s}",`,
    ],
    [
      "discord-bot-token",
      "M" + r.chars(BASE64URL, 23) + "." + r.chars(BASE64URL, 6) + "." + r.chars(BASE64URL, 27),
      (s) => `DISCORD_BOT_TOKEN=${s}`,
    ],
    [
      "basic-auth-credentials",
      Buffer.from(`ci-bot:${r.chars(ALNUM, 16)}`).toString("base64"),
      (s) => `{ "auths": { "registry.acme.io": { "auth": "${s}" } } }`,
    ],
  ];
}
