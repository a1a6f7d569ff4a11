import { ValidationError } from '@unidir/core';
import { type OutputValidation, outputValidationModes } from '@unidir/runtime';
import { type AllowedProviderHost, parseAllowedProviderHosts } from './allowed-provider-hosts.js';
import { loadOperatingLimits, type OperatingLimits } from './operating-limits.js';
import { loadSandboxPolicy, type SandboxPolicy } from './sandbox-policy.js';

/** The first-party connectors, loaded when UNIDIR_CONNECTORS is not set. */
export const defaultConnectorPackages = [
  '@unidir/connector-azure-ad',
  '@unidir/connector-github',
  '@unidir/connector-google-workspace',
  '@unidir/connector-okta',
  '@unidir/connector-scim',
  '@unidir/connector-slack',
];

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface ServerConfig {
  port: number;
  host: string;
  /** Where the embedded SQLite database and the generated encryption key live. */
  dataDirectory: string;
  /** `postgres://...`: use PostgreSQL instead of the embedded SQLite database. */
  databaseUrl?: string;
  /** 32 bytes; absent means "generate one in the data directory" (SQLite only). */
  encryptionKey?: Buffer;
  /** UNIDIR_PREVIOUS_ENCRYPTION_KEYS: keys that still decrypt (rotation), never encrypt. */
  previousEncryptionKeys?: Buffer[];
  bootstrapToken?: string;
  connectorPackages: string[];
  allowedProviderHosts: AllowedProviderHost[];
  logLevel: (typeof logLevels)[number];
  /** What to do with connector records that break core's schema; the runtime's default when absent. */
  outputValidation?: OutputValidation;
  limits: OperatingLimits;
  sandbox: SandboxPolicy;
}

function configError(variable: string, message: string): ValidationError {
  return new ValidationError({
    code: 'invalid_configuration',
    message: `${variable}: ${message}`,
    details: { variable },
  });
}

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw configError('PORT', 'must be an integer 0-65535.');
  return port;
}

export function parseEncryptionKey(value: string, variable = 'UNIDIR_ENCRYPTION_KEY'): Buffer {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== 32 || key.toString('base64') !== value.trim()) {
    throw configError(
      variable,
      'must be the base64 encoding of exactly 32 random bytes (e.g. `openssl rand -base64 32`).',
    );
  }
  return key;
}

function readList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Reads and validates the server's configuration; every problem names its variable. */
export function loadServerConfig(
  environment: Record<string, string | undefined> = process.env,
): ServerConfig {
  const databaseUrl = environment.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw configError(
      'DATABASE_URL',
      'must start with postgres:// (leave it unset for the embedded SQLite database).',
    );
  }
  const logLevel = (environment.LOG_LEVEL?.trim() || 'info') as ServerConfig['logLevel'];
  if (!logLevels.includes(logLevel))
    throw configError('LOG_LEVEL', `must be one of ${logLevels.join(', ')}.`);
  const bootstrapToken = environment.UNIDIR_BOOTSTRAP_TOKEN?.trim() || undefined;
  const connectorPackages = readList(environment.UNIDIR_CONNECTORS);
  const outputValidation = environment.UNIDIR_OUTPUT_VALIDATION?.trim() || undefined;
  if (
    outputValidation !== undefined &&
    !(outputValidationModes as readonly string[]).includes(outputValidation)
  ) {
    throw configError('UNIDIR_OUTPUT_VALIDATION', `must be one of ${outputValidationModes.join(', ')}.`);
  }
  const config: ServerConfig = {
    port: readPort(environment.PORT),
    host: environment.HOST?.trim() || '127.0.0.1',
    dataDirectory: environment.UNIDIR_DATA_DIR?.trim() || './.unidir-data',
    connectorPackages: connectorPackages.length > 0 ? connectorPackages : [...defaultConnectorPackages],
    allowedProviderHosts: parseAllowedProviderHosts(readList(environment.UNIDIR_ALLOWED_PROVIDER_HOSTS)),
    logLevel,
    ...(outputValidation === undefined ? {} : { outputValidation: outputValidation as OutputValidation }),
    limits: loadOperatingLimits(environment),
    sandbox: loadSandboxPolicy(environment),
  };
  if (databaseUrl !== undefined) config.databaseUrl = databaseUrl;
  if (environment.UNIDIR_ENCRYPTION_KEY?.trim())
    config.encryptionKey = parseEncryptionKey(environment.UNIDIR_ENCRYPTION_KEY);
  if (bootstrapToken !== undefined) config.bootstrapToken = bootstrapToken;
  const previousKeys = readList(environment.UNIDIR_PREVIOUS_ENCRYPTION_KEYS);
  if (previousKeys.length > 0)
    config.previousEncryptionKeys = previousKeys.map((key) =>
      parseEncryptionKey(key, 'UNIDIR_PREVIOUS_ENCRYPTION_KEYS'),
    );
  return config;
}
