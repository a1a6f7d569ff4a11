/** The unified resources of the user-directory API, as they appear in URLs. */
export const unifiedResourceNames = [
  'users',
  'groups',
  'organizations',
  'workspaces',
  'roles',
  'licenses',
  'role_assignments',
  'me',
  'activities',
] as const;
export type UnifiedResourceName = (typeof unifiedResourceNames)[number];

export const operationNames = ['list', 'get', 'create', 'update', 'delete', 'addUser', 'removeUser'] as const;
export type OperationName = (typeof operationNames)[number];

/**
 * Custom methods as they appear in URLs (`POST /unified/user-directory/groups/add-user`), by operation
 * name. Manifests and connectors use the operation name; the wire uses the method name.
 */
export const customMethodNames = {
  addUser: 'add-user',
  removeUser: 'remove-user',
} as const satisfies Partial<Record<OperationName, string>>;
export type CustomOperationName = keyof typeof customMethodNames;

/** The operation a custom method's URL segment names, if any. */
export function operationOfCustomMethod(method: string): CustomOperationName | undefined {
  for (const [operation, name] of Object.entries(customMethodNames)) {
    if (name === method) return operation as CustomOperationName;
  }
  return undefined;
}

/** The name an operation has on the wire: the custom method's URL segment, or the operation itself. */
export function wireOperationName(operation: OperationName): string {
  return operation in customMethodNames ? customMethodNames[operation as CustomOperationName] : operation;
}

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
/** The body of `add-user` and `remove-user`, which every connector that declares them understands. */
export const universalMembershipParameters = ['group_id', 'user_id', 'remote_query'] as const;

function universalParametersOf(operation: OperationName): readonly string[] {
  if (operation === 'list') return universalListParameters;
  if (operation === 'addUser' || operation === 'removeUser') return universalMembershipParameters;
  return universalParameters;
}

/** The names a caller may send to an operation: its declared parameters and the universal ones. */
export function supportedParameterNames(operation: OperationName, capability: OperationCapability): string[] {
  const universal = universalParametersOf(operation);
  const declared = Object.keys(capability.parameters).filter((name) => !name.includes('.'));
  return [...new Set([...universal, ...declared])];
}
