import { ValidationError } from '@unidir/core';
import { z } from 'zod';
import type { ScimAuthKind, ScimPreset } from './scim-presets.js';

export const scimConnectorId = 'scim';

const bearerCredentialsSchema = z
  .object({
    /** The app's SCIM API token, sent as `Authorization: Bearer <token>`. */
    token: z.string().min(1),
  })
  .strict();

const basicCredentialsSchema = z
  .object({
    username: z.string().min(1),
    password: z.string().min(1),
  })
  .strict();

const clientCredentialsSchema = z
  .object({
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
  })
  .strict();

export type ScimBearerCredentials = z.infer<typeof bearerCredentialsSchema>;
export type ScimBasicCredentials = z.infer<typeof basicCredentialsSchema>;
export type ScimClientCredentials = z.infer<typeof clientCredentialsSchema>;
export type ScimCredentials = ScimBearerCredentials | ScimBasicCredentials | ScimClientCredentials;

const credentialsByAuthKind = {
  bearer: bearerCredentialsSchema,
  basic: basicCredentialsSchema,
  oauth_client_credentials: clientCredentialsSchema,
} satisfies Record<ScimAuthKind, z.ZodType<ScimCredentials>>;

/** The generic connector takes any of the three; a preset takes its app's kind only. */
export function scimCredentialsSchema(preset?: ScimPreset): z.ZodType<ScimCredentials> {
  if (preset) return credentialsByAuthKind[preset.authKind];
  return z.union([bearerCredentialsSchema, basicCredentialsSchema, clientCredentialsSchema]);
}

const httpUrlSchema = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

const sharedSettings = {
  /** OAuth client credentials only: the token endpoint. */
  token_url: httpUrlSchema.optional(),
  /** OAuth client credentials only: the scope to ask for (space-separated). */
  scope: z.string().min(1).optional(),
};

export interface ScimParsedSettings {
  /** The SCIM root, without a trailing slash: `/Users`, `/Groups` and `/ServiceProviderConfig` hang from it. */
  base_url: string;
  token_url?: string;
  scope?: string;
}

/** Fills a preset's `{name}` placeholders; each value is one path segment, so it is percent-encoded. */
export function expandBaseUrlTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new ValidationError({
        message: `The setting ${name} is needed to build the SCIM base URL.`,
        code: 'missing_parameter',
        details: { parameter: name },
      });
    }
    return encodeURIComponent(value);
  });
}

/**
 * Generic: `base_url` is required (its host must be allowed by the operator). A preset: `base_url` is
 * optional and defaults to the preset's template, filled from the template's settings.
 */
export function scimSettingsSchema(preset?: ScimPreset): z.ZodType<ScimParsedSettings> {
  if (!preset) {
    return z
      .object({
        base_url: httpUrlSchema.describe('The SCIM root, e.g. https://example.com/scim/v2'),
        ...sharedSettings,
      })
      .strict();
  }
  const parameterNames = Object.keys(preset.templateParameters);
  const templateSettings = Object.fromEntries(
    Object.entries(preset.templateParameters).map(([name, description]) => [
      name,
      z.string().min(1).max(256).describe(description).optional(),
    ]),
  );
  // Token endpoint settings only mean something to an app that uses OAuth client credentials.
  const tokenSettings = preset.authKind === 'oauth_client_credentials' ? sharedSettings : {};
  return z
    .object({
      base_url: httpUrlSchema.describe(`Default: ${preset.baseUrlTemplate}`).optional(),
      ...tokenSettings,
      ...templateSettings,
    })
    .strict()
    .superRefine((settings, context) => {
      if (settings.base_url !== undefined) return;
      for (const name of parameterNames) {
        if ((settings as Record<string, unknown>)[name] === undefined) {
          context.addIssue({
            code: 'custom',
            path: [name],
            message: `needed to build ${preset.baseUrlTemplate}`,
          });
        }
      }
    })
    .transform((settings) => {
      const values = settings as Record<string, string | undefined>;
      const templateValues = Object.fromEntries(parameterNames.map((name) => [name, values[name] ?? '']));
      return {
        base_url: settings.base_url ?? expandBaseUrlTemplate(preset.baseUrlTemplate, templateValues),
        ...(values.token_url === undefined ? {} : { token_url: values.token_url }),
        ...(values.scope === undefined ? {} : { scope: values.scope }),
      };
    });
}
