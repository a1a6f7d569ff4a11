/** The unified resources of the user-directory API, as they appear in URLs. */
export const unifiedResourceNames = [
  'users',
  'groups',
  'organizations',
  'workspaces',
  'roles',
  'licenses',
] as const;
export type UnifiedResourceName = (typeof unifiedResourceNames)[number];

export const operationNames = ['list', 'get', 'create', 'update', 'delete'] as const;
export type OperationName = (typeof operationNames)[number];

/** What a connector does with one query or body parameter of one operation. */
export interface ParameterCapability {
  /** The caller must give it (a connector that needs `remove_from_id` whenever `remove_from` is given says so in notes). */
  required?: boolean;
  /** The values accepted, when the unified parameter is an enum and only some values mean something here. */
  values?: readonly string[];
  /** Why, how, or what the provider does with it. */
  notes?: string;
}

/** What a connector returns in one unified field. */
export interface FieldCapability {
  notes?: string;
}

/**
 * One operation's capabilities. Parameter and field names are the unified names; nested ones use dots
 * (`emails.email`). A parameter that is absent here is refused before any provider call.
 */
export interface OperationCapability {
  parameters: Readonly<Record<string, ParameterCapability>>;
  /** The unified fields this operation returns (for delete: of the user as it was, when it is read first). */
  fields: Readonly<Record<string, FieldCapability>>;
  /** How many provider requests the operation makes, for the docs (e.g. "1 per page of up to 999"). */
  requestCount?: string;
  notes?: string;
}

/** Per resource, per operation: the data the runtime validates against and the server publishes. */
export type CapabilityManifest = {
  readonly [resource in UnifiedResourceName]?: {
    readonly [operation in OperationName]?: OperationCapability;
  };
};

/** Parameters every list operation understands without declaring them. */
export const universalListParameters = ['limit', 'cursor', 'remote_query'] as const;
/** Parameters every operation understands without declaring them. */
export const universalParameters = ['remote_query'] as const;

/** The names a caller may send to an operation: its declared parameters and the universal ones. */
export function supportedParameterNames(operation: OperationName, capability: OperationCapability): string[] {
  const universal: readonly string[] = operation === 'list' ? universalListParameters : universalParameters;
  const declared = Object.keys(capability.parameters).filter((name) => !name.includes('.'));
  return [...new Set([...universal, ...declared])];
}
