import {
  type GraphFakeDirectory,
  globalAdministratorRole,
  seededLicenseSkuId,
} from './azure-ad-fake-records.js';

/** The fake tenant's identity: the organization and the application registered in it. */
export interface FakeTenant {
  tenantId: string;
  clientId: string;
  /** The application's service principal object id in the tenant. */
  servicePrincipalId: string;
  displayName: string;
  applicationName: string;
}

/** `GET /organization`: the tenant, as Graph's organization resource describes it. */
export function organizationRecord(
  tenant: FakeTenant,
  directory: GraphFakeDirectory,
): Record<string, unknown> {
  return {
    id: tenant.tenantId,
    deletedDateTime: null,
    businessPhones: ['+1 555 010 0000'],
    city: 'Redmond',
    country: null,
    countryLetterCode: 'US',
    createdDateTime: '2020-12-01T08:00:00Z',
    displayName: tenant.displayName,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    postalCode: '98052',
    preferredLanguage: 'en',
    privacyProfile: null,
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: 'WA',
    street: '1 Test Way',
    technicalNotificationMails: [`admin@${directory.domain}`],
    tenantType: 'AAD',
    assignedPlans: [],
    provisionedPlans: [],
    verifiedDomains: [
      {
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: true,
        isInitial: true,
        name: directory.domain,
        type: 'Managed',
      },
    ],
  };
}

/** `GET /servicePrincipals(appId='{client id}')`: the application the client-credentials account acts as. */
export function servicePrincipalRecord(tenant: FakeTenant): Record<string, unknown> {
  return {
    id: tenant.servicePrincipalId,
    deletedDateTime: null,
    accountEnabled: true,
    appDisplayName: tenant.applicationName,
    appId: tenant.clientId,
    appOwnerOrganizationId: tenant.tenantId,
    displayName: tenant.applicationName,
    servicePrincipalNames: [tenant.clientId],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMyOrg',
    tags: [],
  };
}

const enterprisePackSkuPartNumber = 'ENTERPRISEPACK';

/** Seeded users hold Office 365 E3 except every third (index 0, 3, 6...): this many of `users` hold it. */
function enterprisePackHolders(users: number): number {
  return users - Math.ceil(users / 3);
}

/**
 * `GET /subscribedSkus`: Office 365 E3, which seeded users hold, and Power BI Pro, which nobody does.
 * Soft-deleted users keep their licences (Entra frees them on purge), so consumption counts every seeded user.
 */
export function subscribedSkuRecords(tenant: FakeTenant, directory: GraphFakeDirectory) {
  const consumed = enterprisePackHolders(directory.seedUserCount);
  return [
    {
      accountName: tenant.displayName,
      accountId: tenant.tenantId,
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      consumedUnits: consumed,
      id: `${tenant.tenantId}_${seededLicenseSkuId}`,
      skuId: seededLicenseSkuId,
      skuPartNumber: enterprisePackSkuPartNumber,
      subscriptionIds: ['a1b2c3d4-0000-4000-8000-000000000001'],
      prepaidUnits: { enabled: consumed + 25, suspended: 0, warning: 0, lockedOut: 0 },
      servicePlans: [
        {
          servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
          servicePlanName: 'EXCHANGE_S_ENTERPRISE',
          provisioningStatus: 'Success',
          appliesTo: 'User',
        },
      ],
    },
    {
      accountName: tenant.displayName,
      accountId: tenant.tenantId,
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      consumedUnits: 0,
      id: `${tenant.tenantId}_f8a1db68-be16-40ed-86d5-cb42ce701560`,
      skuId: 'f8a1db68-be16-40ed-86d5-cb42ce701560',
      skuPartNumber: 'POWER_BI_PRO',
      subscriptionIds: ['a1b2c3d4-0000-4000-8000-000000000002'],
      prepaidUnits: { enabled: 10, suspended: 0, warning: 0, lockedOut: 0 },
      servicePlans: [
        {
          servicePlanId: '70d33638-9c74-4d01-bfd3-562de28bd4ba',
          servicePlanName: 'BI_AZURE_P2',
          provisioningStatus: 'Success',
          appliesTo: 'User',
        },
      ],
    },
  ];
}

function builtInRole(templateId: string, displayName: string, description: string, actions: string[]) {
  return {
    id: templateId,
    description,
    displayName,
    isBuiltIn: true,
    isEnabled: true,
    resourceScopes: ['/'],
    templateId,
    version: '1',
    rolePermissions: [{ allowedResourceActions: actions, condition: null }],
  };
}

/** Groups Administrator: seeded user 1 holds it, so assignments have a second role to filter on. */
export const groupsAdministratorRoleId = 'fdd7a751-b60b-444a-984c-02652fe8fa1c';

/**
 * `GET /roleManagement/directory/roleDefinitions`: a few built-in roles (their id is the template id, the
 * same in every tenant) and one custom role (a tenant-specific id, no template).
 */
export const roleDefinitionRecords = [
  builtInRole(
    globalAdministratorRole.roleTemplateId,
    globalAdministratorRole.displayName,
    globalAdministratorRole.description,
    ['microsoft.directory/allEntities/allProperties/allTasks'],
  ),
  builtInRole(
    groupsAdministratorRoleId,
    'Groups Administrator',
    'Members of this role can create/manage groups, create/manage groups settings like naming and expiration policies, and view groups activity and audit reports.',
    ['microsoft.directory/groups/create', 'microsoft.directory/groups/delete'],
  ),
  builtInRole(
    'fe930be7-5e62-47db-91af-98c3a49a38b1',
    'User Administrator',
    'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
    ['microsoft.directory/users/create', 'microsoft.directory/users/delete'],
  ),
  builtInRole(
    'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
    'Global Reader',
    'Can read everything that a Global Administrator can, but not update anything.',
    ['microsoft.directory/users/standard/read'],
  ),
  {
    id: 'b5e4bd44-1c2a-4d6e-9f1e-3c7a9a0d2c11',
    description: 'Resets passwords of help-desk tickets only.',
    displayName: 'Help Desk Password Resetter',
    isBuiltIn: false,
    isEnabled: true,
    resourceScopes: ['/'],
    templateId: null,
    version: null,
    rolePermissions: [
      { allowedResourceActions: ['microsoft.directory/users/password/update'], condition: null },
    ],
  },
];
