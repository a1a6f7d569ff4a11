import { z } from 'zod';

export const exampleRestConnectorId = 'example-rest';

/** The hosts an account may name without the operator allowing more. */
export const exampleRestProviderHosts = ['api.example-rest.test'];

/** Every credential value is secret: it is encrypted at rest and scrubbed from logs and errors. */
export const exampleRestCredentialsSchema = z.object({ api_key: z.string().min(1).max(4096) }).strict();

export const exampleRestSettingsSchema = z
  .object({ base_url: z.url().default('https://api.example-rest.test/v1') })
  .strict();

export type ExampleRestCredentials = z.infer<typeof exampleRestCredentialsSchema>;
export type ExampleRestSettings = z.infer<typeof exampleRestSettingsSchema>;
