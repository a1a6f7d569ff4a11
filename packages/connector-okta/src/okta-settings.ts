import { z } from 'zod';

export const oktaConnectorId = 'okta';

/**
 * Okta's own org domains (production, preview, EMEA and US government cells). A custom domain needs the
 * operator's allow-list, like any other host.
 */
export const oktaProviderHosts: readonly string[] = [
  '*.okta.com',
  '*.oktapreview.com',
  '*.okta-emea.com',
  '*.okta-gov.com',
];

/** What an OAuth service app asks for: read and manage users and groups, read admin roles and the org. */
export const oktaDefaultScopes = [
  'okta.users.read',
  'okta.users.manage',
  'okta.groups.read',
  'okta.groups.manage',
  'okta.roles.read',
  'okta.orgs.read',
] as const;

const apiTokenCredentialsSchema = z
  .object({
    /** An API token (`Authorization: SSWS <token>`): it acts with the rights of the admin who made it. */
    api_token: z.string().min(1),
  })
  .strict();

const privateKeyJwtCredentialsSchema = z
  .object({
    /** The OAuth 2.0 service app's client id. */
    client_id: z.string().min(1).max(256),
    /** PEM (PKCS#8 or PKCS#1) RSA private key whose public key is registered on the app (private_key_jwt, RS256). */
    private_key: z.string().includes('PRIVATE KEY', { message: 'a PEM private key' }),
    /** The `kid` of that key in the app's JWKS, when the app holds several keys. */
    key_id: z.string().min(1).max(256).optional(),
  })
  .strict();

/** An API token, or an OAuth 2.0 service app that authenticates with a signed client assertion. */
export const oktaCredentialsSchema = z.union([apiTokenCredentialsSchema, privateKeyJwtCredentialsSchema]);

export type OktaApiTokenCredentials = z.infer<typeof apiTokenCredentialsSchema>;
export type OktaPrivateKeyJwtCredentials = z.infer<typeof privateKeyJwtCredentialsSchema>;
export type OktaCredentials = z.infer<typeof oktaCredentialsSchema>;

const httpUrlSchema = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

export const oktaSettingsSchema = z
  .object({
    /** `https://{yourOktaDomain}`, e.g. `https://acme.okta.com` or the org's custom domain. */
    org_url: httpUrlSchema,
    /** Management API root. Default: `<org_url>/api/v1`. */
    base_url: httpUrlSchema.optional(),
    /** Default: `<org_url>/oauth2/v1/token` (the org authorization server, the only one that issues okta.* scopes). */
    token_url: httpUrlSchema.optional(),
    /** Scopes a service app asks for; Okta issues those among them that the app was granted. */
    scopes: z
      .array(z.string().regex(/^okta\.[A-Za-z.]+$/))
      .min(1)
      .default([...oktaDefaultScopes]),
    /** Okta emails the admin on deactivate and delete when true; false (no email) by default. */
    send_email: z.boolean().default(false),
  })
  .strict();

export type OktaSettings = z.input<typeof oktaSettingsSchema>;
export type OktaParsedSettings = z.output<typeof oktaSettingsSchema>;

export interface OktaEndpoints {
  baseUrl: string;
  tokenUrl: string;
}

/** The URLs an account talks to: explicit settings win, else the org URL's defaults. */
export function resolveOktaEndpoints(settings: OktaParsedSettings): OktaEndpoints {
  return {
    baseUrl: settings.base_url ?? `${settings.org_url}/api/v1`,
    tokenUrl: settings.token_url ?? `${settings.org_url}/oauth2/v1/token`,
  };
}
