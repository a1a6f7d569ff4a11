import {
  type OperationName,
  UnsupportedParameterError,
  ValidationError,
  wireOperationName,
} from '@unidir/core';
import { type FieldPath, parseFieldPaths } from './exclude-fields.js';

export const responseFormats = ['unified', 'raw', 'normalized', 'stream', 'debug'] as const;
export type ResponseFormat = (typeof responseFormats)[number];

/** What the caller asked of the response rather than of the provider. */
export interface ResponseOptions {
  format: ResponseFormat;
  ignoreRemoteData: boolean;
  excludeFields: readonly FieldPath[];
  dryRun: boolean;
  /** `truto_key_by`: a list's `result` becomes an object keyed by this field's values. */
  keyBy?: string;
}

interface RuntimeOption {
  /** The Truto name; `aliases` are the unprefixed spellings. */
  name: string;
  aliases: readonly string[];
  operations?: readonly OperationName[];
}

const mutations: readonly OperationName[] = ['create', 'update', 'delete', 'addUser', 'removeUser'];

const runtimeOptions: readonly RuntimeOption[] = [
  { name: 'truto_response_format', aliases: ['response_format'] },
  { name: 'truto_ignore_remote_data', aliases: ['ignore_remote_data'] },
  { name: 'truto_exclude_fields', aliases: ['exclude_fields'] },
  { name: 'next_cursor', aliases: [], operations: ['list'] },
  { name: 'truto_ignore_limit', aliases: ['ignore_limit'], operations: ['list'] },
  { name: 'truto_key_by', aliases: ['key_by'], operations: ['list'] },
  { name: 'dry_run', aliases: [], operations: mutations },
];

const optionBySpelling = new Map(
  runtimeOptions.flatMap((option) =>
    [option.name, ...option.aliases].map((spelling) => [spelling, option] as const),
  ),
);

/** Names the host consumes before the operation sees the query. */
const ignoredParameters: ReadonlySet<string> = new Set(['integrated_account_id']);

function appliesTo(option: RuntimeOption, operation: OperationName): boolean {
  return option.operations === undefined || option.operations.includes(operation);
}

/** The runtime's own parameters an operation accepts, by their Truto names. */
export function runtimeParameterNames(operation: OperationName): string[] {
  return runtimeOptions.filter((option) => appliesTo(option, operation)).map((option) => option.name);
}

function singleString(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  throw new ValidationError({
    message: `The parameter "${name}" must be given once, as text.`,
    details: { parameter: name },
  });
}

function parseBoolean(name: string, value: unknown): boolean {
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  throw new ValidationError({
    message: `The parameter "${name}" must be true or false.`,
    details: { parameter: name },
  });
}

function parseFormat(value: unknown, operation: OperationName): ResponseFormat {
  const format = singleString('truto_response_format', value);
  const supported: readonly ResponseFormat[] =
    operation === 'list' ? responseFormats : responseFormats.filter((candidate) => candidate !== 'stream');
  if ((supported as readonly string[]).includes(format)) return format as ResponseFormat;
  throw new UnsupportedParameterError({
    parameter: 'truto_response_format',
    supported,
    message: `truto_response_format=${format} is not supported on ${operation}. Supported: ${supported.join(', ')}.`,
  });
}

function parseKeyBy(value: unknown): string {
  const field = singleString('truto_key_by', value);
  if (field === '') {
    throw new ValidationError({
      message: 'truto_key_by names the field to key the result by (truto_key_by=id).',
      details: { parameter: 'truto_key_by' },
    });
  }
  return field;
}

function parseExcludeFields(value: unknown): FieldPath[] {
  const entries = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(entries) || !entries.every((entry) => typeof entry === 'string')) {
    throw new ValidationError({
      message: 'truto_exclude_fields must be a list of field names (truto_exclude_fields[]=id).',
      details: { parameter: 'truto_exclude_fields' },
    });
  }
  return parseFieldPaths(entries.flatMap((entry) => entry.split(',')));
}

/**
 * Separates the runtime's parameters (response format, exclusions, dry run, the Truto cursor) from the
 * operation's own, and reads them. `next_cursor` becomes the operation's `cursor`; an empty one means
 * the first page. `truto_ignore_limit=true` drops `limit`.
 */
export function splitQuery(
  query: Record<string, unknown>,
  operation: OperationName,
): { options: ResponseOptions; operationParameters: Record<string, unknown> } {
  const given = new Map<string, { spelling: string; value: unknown }>();
  const operationParameters: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (ignoredParameters.has(key)) continue;
    const option = optionBySpelling.get(key);
    if (!option) {
      operationParameters[key] = value;
      continue;
    }
    if (!appliesTo(option, operation)) {
      throw new UnsupportedParameterError({
        parameter: key,
        supported: runtimeParameterNames(operation),
        reason: `it applies to ${option.operations?.map(wireOperationName).join(', ')} only`,
      });
    }
    const earlier = given.get(option.name);
    if (earlier) {
      throw new ValidationError({
        message: `Give either "${earlier.spelling}" or "${key}", not both.`,
        code: 'conflicting_parameters',
        details: { parameters: [earlier.spelling, key] },
      });
    }
    given.set(option.name, { spelling: key, value });
  }
  const cursor = given.get('next_cursor')?.value;
  if (cursor !== undefined) {
    if (operationParameters.cursor !== undefined) {
      throw new ValidationError({
        message: 'Give either "next_cursor" or "cursor", not both.',
        code: 'conflicting_parameters',
        details: { parameters: ['next_cursor', 'cursor'] },
      });
    }
    operationParameters.cursor = singleString('next_cursor', cursor);
  }
  if (operationParameters.cursor === '') delete operationParameters.cursor;

  const ignoreLimit = given.get('truto_ignore_limit')?.value;
  if (ignoreLimit !== undefined && parseBoolean('truto_ignore_limit', ignoreLimit)) {
    delete operationParameters.limit;
  }

  const format = given.get('truto_response_format')?.value;
  const ignoreRemoteData = given.get('truto_ignore_remote_data')?.value;
  const excludeFields = given.get('truto_exclude_fields')?.value;
  const dryRun = given.get('dry_run')?.value;
  const keyBy = given.get('truto_key_by')?.value;
  const parsedFormat = format === undefined ? 'unified' : parseFormat(format, operation);
  if (keyBy !== undefined && parsedFormat === 'stream') {
    throw new ValidationError({
      code: 'conflicting_parameters',
      message: 'truto_key_by shapes one page; a stream has no page to key. Drop one of them.',
      details: { parameters: ['truto_key_by', 'truto_response_format'] },
    });
  }
  return {
    options: {
      format: parsedFormat,
      ignoreRemoteData:
        ignoreRemoteData !== undefined && parseBoolean('truto_ignore_remote_data', ignoreRemoteData),
      excludeFields: excludeFields === undefined ? [] : parseExcludeFields(excludeFields),
      dryRun: dryRun !== undefined && parseBoolean('dry_run', dryRun),
      ...(keyBy === undefined ? {} : { keyBy: parseKeyBy(keyBy) }),
    },
    operationParameters,
  };
}
