import {
  executableResources,
  membershipBodyParameters,
  type operationSchemas,
  unifiedResourceNames,
} from '@unidir/core';
import { isRecord } from './is-record.js';
import {
  hasBody,
  isExecutableResource,
  operationSchema,
  queryParameterNames,
  writableFieldsOf,
} from './operation-schemas.js';

const connectorIdPattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const maxConnectorIdLength = 64;

type Problems = string[];

function hasSafeParse(value: unknown): boolean {
  return isRecord(value) && typeof value.safeParse === 'function';
}

function isOptional(value: unknown, type: 'string' | 'boolean'): boolean {
  return value === undefined || typeof value === type;
}

function checkParameter(
  where: string,
  name: string,
  capability: unknown,
  knownNames: ReadonlySet<string>,
  problems: Problems,
): void {
  const topLevelName = name.split('.')[0] ?? name;
  if (!knownNames.has(topLevelName)) {
    problems.push(`${where} declares parameter "${name}", which is not a parameter of that operation`);
  }
  if (!isRecord(capability)) {
    problems.push(`${where}.parameters.${name} must be an object`);
    return;
  }
  const { required, values, notes } = capability;
  if (!isOptional(required, 'boolean'))
    problems.push(`${where}.parameters.${name}.required must be a boolean`);
  if (!isOptional(notes, 'string')) problems.push(`${where}.parameters.${name}.notes must be a string`);
  if (
    values !== undefined &&
    !(Array.isArray(values) && values.every((value) => typeof value === 'string'))
  ) {
    problems.push(`${where}.parameters.${name}.values must be an array of strings`);
  }
}

function checkOperationCapability(
  resource: keyof typeof operationSchemas,
  operation: string,
  capability: unknown,
  problems: Problems,
): void {
  const where = `manifest.${resource}.${operation}`;
  const schema = operationSchema(resource, operation);
  if (!schema) {
    problems.push(`${where} is not an operation of ${resource} in contract v1`);
    return;
  }
  if (!isRecord(capability)) {
    problems.push(`${where} must be an object`);
    return;
  }
  if (!isRecord(capability.parameters)) problems.push(`${where}.parameters must be an object`);
  if (!isRecord(capability.fields)) problems.push(`${where}.fields must be an object`);
  if (!isOptional(capability.notes, 'string')) problems.push(`${where}.notes must be a string`);
  if (!isOptional(capability.requestCount, 'string')) problems.push(`${where}.requestCount must be a string`);
  if (!isRecord(capability.parameters)) return;
  const knownNames = new Set([
    ...queryParameterNames(schema),
    ...(hasBody(operation) ? writableFieldsOf(resource) : []),
    ...membershipBodyParameters(operation),
  ]);
  for (const [name, parameter] of Object.entries(capability.parameters)) {
    checkParameter(where, name, parameter, knownNames, problems);
  }
}

function checkManifest(manifest: unknown, problems: Problems): void {
  if (!isRecord(manifest)) {
    problems.push('manifest must be an object');
    return;
  }
  for (const [resource, operations] of Object.entries(manifest)) {
    if (!(unifiedResourceNames as readonly string[]).includes(resource)) {
      problems.push(`manifest declares an unknown resource "${resource}"`);
    } else if (!isExecutableResource(resource)) {
      problems.push(`manifest declares ${resource}, which contract v1 has no operations for`);
    } else if (!isRecord(operations)) {
      problems.push(`manifest.${resource} must be an object`);
    } else {
      for (const [operation, capability] of Object.entries(operations)) {
        checkOperationCapability(resource, operation, capability, problems);
      }
    }
  }
}

/** Every operation the manifest declares must be implemented, and every implemented one declared. */
function checkOperationsMatchManifest(candidate: Record<string, unknown>, problems: Problems): void {
  const manifest = isRecord(candidate.manifest) ? candidate.manifest : {};
  for (const resource of executableResources) {
    const implemented = candidate[resource];
    const declared = isRecord(manifest[resource]) ? manifest[resource] : {};
    if (implemented !== undefined && !isRecord(implemented)) {
      problems.push(`${resource} must be an object of operation functions`);
      continue;
    }
    const functions = implemented ?? {};
    for (const [operation, value] of Object.entries(functions)) {
      if (!operationSchema(resource, operation)) {
        problems.push(`${resource}.${operation} is not an operation of ${resource} in contract v1`);
      } else if (typeof value !== 'function') {
        problems.push(`${resource}.${operation} must be a function`);
      } else if (!Object.hasOwn(declared, operation)) {
        problems.push(`${resource}.${operation} is implemented but the manifest does not declare it`);
      }
    }
    for (const operation of Object.keys(declared)) {
      if (operationSchema(resource, operation) && typeof functions[operation] !== 'function') {
        problems.push(`manifest declares ${resource}.${operation} but the connector does not implement it`);
      }
    }
  }
}

/**
 * Everything that is wrong with a value offered as a v1 connector; empty when it can be used. A wrong
 * `specificationVersion` stops the check: the rest of the contract may legitimately differ.
 */
export function findConnectorProblems(candidate: unknown): string[] {
  if (!isRecord(candidate)) return ['the export is not a connector object'];
  const version = candidate.specificationVersion;
  if (version !== 'v1') {
    return [
      version === undefined
        ? 'it has no specificationVersion (this runtime supports "v1")'
        : `its specificationVersion is ${JSON.stringify(version)}, and this runtime supports only "v1"`,
    ];
  }
  const problems: Problems = [];
  const { id } = candidate;
  if (typeof id !== 'string' || !connectorIdPattern.test(id) || id.length > maxConnectorIdLength) {
    problems.push(
      `its id ${JSON.stringify(id)} is not lower-case words joined by dashes (like "azure-ad", at most ${maxConnectorIdLength} characters)`,
    );
  }
  if (typeof candidate.displayName !== 'string' || candidate.displayName.trim() === '') {
    problems.push('displayName must be a non-empty string');
  }
  if (!hasSafeParse(candidate.credentialsSchema)) problems.push('credentialsSchema is not a zod schema');
  if (!hasSafeParse(candidate.settingsSchema)) problems.push('settingsSchema is not a zod schema');
  const { providerHosts } = candidate;
  if (!Array.isArray(providerHosts) || !providerHosts.every((host) => typeof host === 'string')) {
    problems.push('providerHosts must be an array of host names');
  }
  if (typeof candidate.createClient !== 'function') problems.push('createClient must be a function');
  checkManifest(candidate.manifest, problems);
  checkOperationsMatchManifest(candidate, problems);
  return problems;
}
