import { z } from 'zod';

/** A service account key with domain-wide delegation; `subject` is the admin it acts as. */
export const googleWorkspaceServiceAccountCredentialsSchema = z.object({
  client_email: z.string().min(3),
  private_key: z
    .string()
    .includes('PRIVATE KEY', { message: 'private_key must be the PEM key of the service account' }),
  subject: z.string().min(3),
  private_key_id: z.string().optional(),
});

/** An account connected through OAuth as an administrator; the refresh token may rotate. */
export const googleWorkspaceOAuthCredentialsSchema = z.object({
  access_token: z.string().min(1).optional(),
  refresh_token: z.string().min(1),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
});

export const googleWorkspaceCredentialsSchema = z.union([
  googleWorkspaceServiceAccountCredentialsSchema,
  googleWorkspaceOAuthCredentialsSchema,
]);

export const googleWorkspaceDefaultBaseUrl = 'https://admin.googleapis.com';
export const googleWorkspaceDefaultTokenUrl = 'https://oauth2.googleapis.com/token';
export const googleWorkspaceDefaultCustomer = 'my_customer';
export const googleWorkspaceDefaultLicensingBaseUrl = 'https://licensing.googleapis.com';
/** The Google Workspace product (every Workspace edition's SKU): what `licenses` covers unless told otherwise. */
export const googleWorkspaceDefaultLicenseProducts = ['Google-Apps'] as const;

export const googleWorkspaceSettingsSchema = z
  .object({
    base_url: z.url().default(googleWorkspaceDefaultBaseUrl),
    token_url: z.url().default(googleWorkspaceDefaultTokenUrl),
    /** The customer id (`C01abcd2e`) or `my_customer`; lists span every domain of the customer. */
    customer: z.string().min(1).optional(),
    /** One domain of the customer: lists only its users and groups. */
    domain: z.string().min(1).optional(),
    /** The Enterprise License Manager API root (licenses live in a separate API). */
    licensing_base_url: z.url().default(googleWorkspaceDefaultLicensingBaseUrl),
    /**
     * The license products `licenses` reads (Google's product ids: `Google-Apps` for Workspace, `101047` for
     * Gemini, `101031` for Education, ...): one request per 1,000 assignments of each.
     */
    license_product_ids: z
      .array(z.string().min(1))
      .min(1)
      .default([...googleWorkspaceDefaultLicenseProducts]),
    /**
     * Fill users' `licenses` on users list and get from every license assignment of the covered products,
     * read once and cached for the account (no request per user). Needs the apps.licensing scope.
     */
    user_licenses: z.boolean().default(false),
  })
  .refine((settings) => settings.customer === undefined || settings.domain === undefined, {
    message: 'give customer or domain, not both',
    path: ['domain'],
  });

export type GoogleWorkspaceServiceAccountCredentials = z.infer<
  typeof googleWorkspaceServiceAccountCredentialsSchema
>;
export type GoogleWorkspaceOAuthCredentials = z.infer<typeof googleWorkspaceOAuthCredentialsSchema>;
export type GoogleWorkspaceCredentials = z.infer<typeof googleWorkspaceCredentialsSchema>;
export type GoogleWorkspaceSettings = z.infer<typeof googleWorkspaceSettingsSchema>;

/** The query parameter that scopes user and group lists: `customer` or `domain`. */
export function listScopeOf(settings: GoogleWorkspaceSettings): { customer: string } | { domain: string } {
  return settings.domain !== undefined
    ? { domain: settings.domain }
    : { customer: settings.customer ?? googleWorkspaceDefaultCustomer };
}

export function isServiceAccount(
  credentials: GoogleWorkspaceCredentials,
): credentials is GoogleWorkspaceServiceAccountCredentials {
  return 'client_email' in credentials;
}
