import { z } from 'zod';

export const gitHubConnectorId = 'github';
/** Sent on every request: GitHub answers in this version's shapes whatever its default becomes. */
export const gitHubApiVersion = '2022-11-28';
export const gitHubDefaultBaseUrl = 'https://api.github.com';
/** GitHub Enterprise Server hosts (`https://{host}/api/v3`) must be allowed by the operator. */
export const gitHubProviderHosts: readonly string[] = ['api.github.com'];

/** GitHub logins: letters, digits and single dashes, at most 39 characters. */
export const gitHubLoginSchema = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'a GitHub login (letters, digits, dashes)');

const tokenCredentialsSchema = z
  .object({
    /** A classic or fine-grained personal access token (or any token GitHub accepts as Bearer). */
    token: z.string().min(1),
  })
  .strict();

const appCredentialsSchema = z
  .object({
    /** The App's id (or client id): the `iss` of its JWTs. */
    app_id: z.union([z.string().min(1), z.number().int().positive()]).transform(String),
    installation_id: z.union([z.string().regex(/^\d+$/), z.number().int().positive()]).transform(String),
    /** The App's PEM private key, as GitHub generated it. */
    private_key: z.string().includes('PRIVATE KEY', { message: 'a PEM private key' }),
  })
  .strict();

/** A token, or a GitHub App installation (RS256 app JWT -> one-hour installation tokens). */
export const gitHubCredentialsSchema = z.union([tokenCredentialsSchema, appCredentialsSchema]);

export type GitHubTokenCredentials = z.infer<typeof tokenCredentialsSchema>;
export type GitHubAppCredentials = z.infer<typeof appCredentialsSchema>;
export type GitHubCredentials = z.infer<typeof gitHubCredentialsSchema>;

export const gitHubSettingsSchema = z
  .object({
    /** The organization logins this account covers; operations name one with `organization_id` when there are several. */
    organizations: z.array(gitHubLoginSchema).min(1).max(100),
    /** `https://api.github.com`, or `https://{host}/api/v3` for GitHub Enterprise Server. */
    base_url: z
      .url({ protocol: /^https?$/ })
      .transform((value) => value.replace(/\/+$/, ''))
      .default(gitHubDefaultBaseUrl),
  })
  .strict();

export type GitHubSettings = z.input<typeof gitHubSettingsSchema>;
export type GitHubParsedSettings = z.output<typeof gitHubSettingsSchema>;

export function isAppCredentials(credentials: GitHubCredentials): credentials is GitHubAppCredentials {
  return 'app_id' in credentials;
}
