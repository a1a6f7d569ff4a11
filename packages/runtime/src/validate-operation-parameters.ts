import {
  type ExecutableResource,
  membershipBodyParameters,
  type OperationCapability,
  type OperationName,
  type ParameterCapability,
  supportedParameterNames,
  UnsupportedParameterError,
  ValidationError,
} from '@unidir/core';
import type { z } from 'zod';
import { isRecord } from './is-record.js';
import { hasBody, queryParameterNames, writableFieldsOf } from './operation-schemas.js';
import { runtimeParameterNames } from './response-options.js';
import { describeIssues, summarizeIssues } from './zod-issues.js';

export interface OperationParametersInput {
  connectorId: string;
  resource: ExecutableResource;
  operation: OperationName;
  capability: OperationCapability;
  schema: z.ZodObject;
  queryParameters: Record<string, unknown>;
  id: string | undefined;
  body: unknown;
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || (isRecord(body) && Object.keys(body).length === 0);
}

function assertQueryNamesSupported(input: OperationParametersInput): void {
  const schemaNames = new Set(queryParameterNames(input.schema, input.operation));
  const accepted = supportedParameterNames(input.operation, input.capability).filter((name) =>
    schemaNames.has(name),
  );
  const supported = [...accepted, ...runtimeParameterNames(input.operation)];
  for (const name of Object.keys(input.queryParameters)) {
    if (!accepted.includes(name)) {
      throw new UnsupportedParameterError({
        parameter: name,
        supported,
        message: `The ${input.connectorId} connector does not support the parameter "${name}" on ${input.resource}.${input.operation}. Supported: ${supported.join(', ')}.`,
      });
    }
  }
}

/** `add-user` and `remove-user` take exactly `{group_id, user_id}` as their body. */
function membershipBody(input: OperationParametersInput): Record<string, unknown> {
  const names = membershipBodyParameters(input.operation);
  if (!isRecord(input.body)) {
    throw new ValidationError({
      message: `${input.resource}.${input.operation} takes a JSON body with ${names.join(' and ')}.`,
      code: 'missing_parameter',
      details: { parameters: names },
    });
  }
  for (const field of Object.keys(input.body)) {
    if (!names.includes(field)) {
      throw new UnsupportedParameterError({
        parameter: field,
        supported: names,
        message: `"${field}" is not a parameter of ${input.resource}.${input.operation}. Its body takes: ${names.join(', ')}.`,
      });
    }
  }
  return input.body;
}

/**
 * Body fields must be writable fields of the resource. A connector that declares body fields in its
 * manifest does so to mark them required or restrict their values, not to refuse the others: it refuses
 * what it cannot store.
 */
function assertBodyFieldsSupported(input: OperationParametersInput): void {
  if (membershipBodyParameters(input.operation).length > 0) return;
  if (!hasBody(input.operation)) {
    if (!isEmptyBody(input.body)) {
      throw new UnsupportedParameterError({
        parameter: 'body',
        supported: [],
        message: `${input.resource}.${input.operation} takes no request body.`,
      });
    }
    return;
  }
  if (!isRecord(input.body)) return;
  const writable = writableFieldsOf(input.resource);
  for (const field of Object.keys(input.body)) {
    if (!writable.includes(field)) {
      throw new UnsupportedParameterError({
        parameter: field,
        supported: writable,
        message: `"${field}" is not a writable field of ${input.resource}. Writable: ${writable.join(', ')}.`,
      });
    }
  }
}

function assertValuesSupported(
  input: OperationParametersInput,
  name: string,
  value: unknown,
  capability: ParameterCapability & { values: readonly string[] },
): void {
  const { values } = capability;
  const given = Array.isArray(value) ? value : [value];
  for (const entry of given) {
    if (!values.includes(String(entry))) {
      // The manifest's notes say why a value is refused (Google cannot purge users): the caller needs that.
      const why = capability.notes ? ` ${capability.notes}` : '';
      throw new UnsupportedParameterError({
        parameter: name,
        supported: values,
        message: `The ${input.connectorId} connector does not support ${name}=${String(entry)} on ${input.resource}.${input.operation}. Supported values: ${values.join(', ') || 'none'}.${why}`,
      });
    }
  }
}

/**
 * Checks an operation's parameters against the connector's manifest and core's schema, in that order of
 * blame: an undeclared parameter or value is `unsupported_parameter`, a malformed one `validation_failed`,
 * a missing required one `missing_parameter`. Returns the parsed parameters (coerced types).
 */
export function validateOperationParameters(input: OperationParametersInput): Record<string, unknown> {
  const declared = Object.entries(input.capability.parameters).filter(([name]) => !name.includes('.'));
  const writable = writableFieldsOf(input.resource);
  const declaredBodyFields = hasBody(input.operation)
    ? declared.map(([name]) => name).filter((name) => writable.includes(name))
    : [];
  assertQueryNamesSupported(input);
  assertBodyFieldsSupported(input);
  const bodyParameters = membershipBodyParameters(input.operation).length > 0 ? membershipBody(input) : {};

  const result = input.schema.safeParse({
    ...input.queryParameters,
    ...bodyParameters,
    ...(input.id === undefined ? {} : { id: input.id }),
    ...(hasBody(input.operation) ? { body: input.body } : {}),
  });
  if (!result.success) {
    const issues = summarizeIssues(result.error);
    throw new ValidationError({
      message: `Invalid parameters for ${input.resource}.${input.operation}: ${describeIssues(issues)}.`,
      details: { issues },
    });
  }
  const parsed = result.data as Record<string, unknown>;
  const body = isRecord(parsed.body) ? parsed.body : {};

  for (const [name, capability] of declared) {
    const value = declaredBodyFields.includes(name) ? body[name] : parsed[name];
    if (value === undefined) {
      if (capability.required) {
        throw new ValidationError({
          message: `The ${input.connectorId} connector requires the parameter "${name}" on ${input.resource}.${input.operation}.`,
          code: 'missing_parameter',
          details: { parameter: name },
        });
      }
      continue;
    }
    if (capability.values)
      assertValuesSupported(input, name, value, { ...capability, values: capability.values });
  }
  return parsed;
}
