import { z } from 'zod';

export const azureAdConnectorId = 'azure-ad';

/**
 * Microsoft's national clouds: each has its own Graph host and its own login host, and an app registered
 * in one cannot sign in to another. Source: https://learn.microsoft.com/graph/deployments
 */
export const azureAdClouds = {
  global: { graph: 'https://graph.microsoft.com', login: 'https://login.microsoftonline.com' },
  us_government: { graph: 'https://graph.microsoft.us', login: 'https://login.microsoftonline.us' },
  us_government_dod: { graph: 'https://dod-graph.microsoft.us', login: 'https://login.microsoftonline.us' },
  china: { graph: 'https://microsoftgraph.chinacloudapi.cn', login: 'https://login.chinacloudapi.cn' },
} as const;

export type AzureAdCloud = keyof typeof azureAdClouds;

/** Every host a default or national-cloud `base_url`/`token_url` names; others need the operator's allow-list. */
export const azureAdProviderHosts: readonly string[] = [
  ...new Set(
    Object.values(azureAdClouds).flatMap((cloud) => [new URL(cloud.graph).host, new URL(cloud.login).host]),
  ),
];

const tenantIdSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9.-]+$/, 'a tenant id (GUID) or a verified domain such as contoso.onmicrosoft.com');
const clientIdSchema = z.string().min(1).max(256);

const clientSecretCredentialsSchema = z
  .object({
    tenant_id: tenantIdSchema,
    client_id: clientIdSchema,
    client_secret: z.string().min(1),
  })
  .strict();

const certificateCredentialsSchema = z
  .object({
    tenant_id: tenantIdSchema,
    client_id: clientIdSchema,
    /** PEM (PKCS#8 or PKCS#1) private key of the certificate uploaded to the app registration. */
    private_key: z.string().includes('PRIVATE KEY', { message: 'a PEM private key' }),
    /** The certificate's SHA-1 thumbprint as the Entra portal shows it (40 hex digits). */
    certificate_thumbprint: z
      .string()
      .transform((value) => value.replaceAll(':', '').toLowerCase())
      .pipe(z.string().regex(/^[0-9a-f]{40}$/, '40 hex digits (the SHA-1 thumbprint)')),
  })
  .strict();

const delegatedCredentialsSchema = z
  .object({
    tenant_id: tenantIdSchema,
    client_id: clientIdSchema,
    client_secret: z.string().min(1).optional(),
    refresh_token: z.string().min(1),
    access_token: z.string().min(1).optional(),
    /** Epoch milliseconds when `access_token` expires; without it the token is refreshed before first use. */
    expires_at: z.number().int().optional(),
  })
  .strict();

/**
 * One of three ways to sign in: an app secret or an app certificate (application permissions, client
 * credentials flow), or a delegated refresh token (a signed-in admin's permissions, rotated on refresh).
 */
export const azureAdCredentialsSchema = z.union([
  clientSecretCredentialsSchema,
  certificateCredentialsSchema,
  delegatedCredentialsSchema,
]);

export type AzureAdClientSecretCredentials = z.infer<typeof clientSecretCredentialsSchema>;
export type AzureAdCertificateCredentials = z.infer<typeof certificateCredentialsSchema>;
export type AzureAdDelegatedCredentials = z.infer<typeof delegatedCredentialsSchema>;
export type AzureAdCredentials = z.infer<typeof azureAdCredentialsSchema>;

const httpUrlSchema = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

export const azureAdSettingsSchema = z
  .object({
    /** Picks the default `base_url` and `token_url`; `global` unless the tenant lives in a national cloud. */
    cloud: z.enum(Object.keys(azureAdClouds) as [AzureAdCloud, ...AzureAdCloud[]]).default('global'),
    /** Graph API root, e.g. `https://graph.microsoft.com/v1.0`. Default: the cloud's Graph host + `/v1.0`. */
    base_url: httpUrlSchema.optional(),
    /** Default: `<cloud login host>/<tenant_id>/oauth2/v2.0/token`. */
    token_url: httpUrlSchema.optional(),
    /**
     * Select `signInActivity` for `last_login_at`. Graph answers 403 for the whole request when the tenant has
     * no Entra ID P1/P2 licence or the app lacks AuditLog.Read.All, so it is opt-in.
     */
    include_sign_in_activity: z.boolean().default(false),
  })
  .strict();

export type AzureAdSettings = z.input<typeof azureAdSettingsSchema>;
export type AzureAdParsedSettings = z.output<typeof azureAdSettingsSchema>;

export interface AzureAdEndpoints {
  baseUrl: string;
  tokenUrl: string;
  /** The `.default` scope of the cloud's Graph resource (client credentials ask for every consented permission). */
  scope: string;
}

/** The URLs an account talks to: explicit settings win, else the cloud's defaults. */
export function resolveAzureAdEndpoints(credentials: { tenant_id: string }, settings: AzureAdParsedSettings) {
  const cloud = azureAdClouds[settings.cloud];
  return {
    baseUrl: settings.base_url ?? `${cloud.graph}/v1.0`,
    tokenUrl:
      settings.token_url ?? `${cloud.login}/${encodeURIComponent(credentials.tenant_id)}/oauth2/v2.0/token`,
    scope: `${cloud.graph}/.default`,
  } satisfies AzureAdEndpoints;
}
