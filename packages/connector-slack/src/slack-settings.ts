import { z } from 'zod';

export const slackConnectorId = 'slack';

/** Slack's own hosts: the Web API (and its OAuth methods) on slack.com, SCIM on api.slack.com. */
export const slackDefaultEndpoints = {
  webApi: 'https://slack.com/api',
  scim: 'https://api.slack.com/scim/v2',
  token: 'https://slack.com/api/oauth.v2.access',
} as const;

export const slackProviderHosts: readonly string[] = ['slack.com', 'api.slack.com'];

/** Slack user tokens start `xoxp-`; with token rotation on they are `xoxe.xoxp-` and expire after 12 hours. */
const userTokenSchema = z
  .string()
  .regex(/^(xoxe\.)?xoxp-[A-Za-z0-9-]+$/, 'a Slack user token (xoxp-...) of an org owner or admin');

/** A bot token (`xoxb-`) of the same app: when given, plain reads use it and its own rate limits. */
const botTokenSchema = z.string().regex(/^xoxb-[A-Za-z0-9-]+$/, 'a Slack bot token (xoxb-...)');

const staticTokenCredentialsSchema = z
  .object({
    /** A user token with the admin scopes (SCIM needs `admin`; the Web API reads need users:read, users:read.email, usergroups:read, admin.teams:read). */
    access_token: userTokenSchema,
    bot_token: botTokenSchema.optional(),
  })
  .strict();

const rotatingTokenCredentialsSchema = z
  .object({
    client_id: z.string().min(1).max(256),
    client_secret: z.string().min(1),
    /** The `xoxe-1-...` refresh token; Slack retires it on each use, so the rotated one is stored back. */
    refresh_token: z.string().min(1),
    /** The current expiring access token, if the install just issued one. */
    access_token: userTokenSchema.optional(),
    /** Epoch milliseconds when `access_token` expires; without it the token is refreshed before first use. */
    expires_at: z.number().int().optional(),
    bot_token: botTokenSchema.optional(),
  })
  .strict();

/** A long-lived user token, or (token rotation on) an app's client id and secret with a refresh token. */
export const slackCredentialsSchema = z.union([staticTokenCredentialsSchema, rotatingTokenCredentialsSchema]);

export type SlackStaticTokenCredentials = z.infer<typeof staticTokenCredentialsSchema>;
export type SlackRotatingTokenCredentials = z.infer<typeof rotatingTokenCredentialsSchema>;
export type SlackCredentials = z.infer<typeof slackCredentialsSchema>;

const httpUrlSchema = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

export const slackSettingsSchema = z
  .object({
    /** The Web API root, default `https://slack.com/api`. */
    base_url: httpUrlSchema.optional(),
    /** The SCIM v2 root, default `https://api.slack.com/scim/v2`. */
    scim_url: httpUrlSchema.optional(),
    /** Where rotating tokens are refreshed (`oauth.v2.access`), default `https://slack.com/api/oauth.v2.access`. */
    token_url: httpUrlSchema.optional(),
  })
  .strict();

export type SlackSettings = z.input<typeof slackSettingsSchema>;
export type SlackParsedSettings = z.output<typeof slackSettingsSchema>;

export interface SlackEndpoints {
  webApi: string;
  scim: string;
  token: string;
}

export function resolveSlackEndpoints(settings: SlackParsedSettings): SlackEndpoints {
  return {
    webApi: settings.base_url ?? slackDefaultEndpoints.webApi,
    scim: settings.scim_url ?? slackDefaultEndpoints.scim,
    token: settings.token_url ?? slackDefaultEndpoints.token,
  };
}
