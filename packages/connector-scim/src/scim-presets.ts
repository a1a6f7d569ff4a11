/** How an app's SCIM endpoint authenticates: a long-lived token, HTTP basic, or OAuth client credentials. */
export type ScimAuthKind = 'bearer' | 'basic' | 'oauth_client_credentials';

/** The PATCH operation names an app accepts: RFC 7644 lower case, or the capitalised ones some apps require. */
export type ScimPatchOperationCasing = 'lower' | 'capitalized';

/** A filter operator of RFC 7644 §3.4.2.2 this connector may send. */
export type ScimFilterAttribute = 'emails.value' | 'userName' | 'externalId' | 'active';

/**
 * What one app's SCIM API does differently from RFC 7644. Every field is optional: absent means the RFC's
 * behaviour, or what `/ServiceProviderConfig` says.
 */
export interface ScimQuirks {
  patchOperationCasing?: ScimPatchOperationCasing;
  /** Filter attributes the app refuses or ignores (its docs list fewer than RFC 7644 allows). */
  unsupportedFilters?: readonly ScimFilterAttribute[];
  /** The most users or groups one page serves, when the app caps `count` below what it advertises. */
  pageSizeCap?: number;
  /** What `DELETE /Users/{id}` does there: removes the user, only deactivates it, or is not offered. */
  userDeleteMeaning?: 'removes' | 'deactivates' | 'unsupported';
  /** The app has no group create or delete over SCIM. */
  groupsReadOnly?: boolean;
  /** The app has no /Groups endpoint at all. */
  noGroups?: boolean;
}

/** One app that speaks SCIM 2.0, as data: the connector built from it is the integration `<app>-scim`. */
export interface ScimPreset {
  /** The integration id, e.g. `figma-scim`. */
  id: string;
  displayName: string;
  /** The SCIM root with `{name}` placeholders the account's settings fill in, e.g. `https://www.figma.com/scim/v2/{tenant_id}`. */
  baseUrlTemplate: string;
  /** What each placeholder is, for the settings form. */
  templateParameters: Readonly<Record<string, string>>;
  /** Hosts `base_url` may name without the operator allowing more. */
  providerHosts: readonly string[];
  authKind: ScimAuthKind;
  quirks: ScimQuirks;
  /** The vendor's SCIM documentation the facts above come from. */
  sourceUrl: string;
  /** What the docs say that matters here, and what they do not say. */
  notes: string;
}

/**
 * The apps shipped with the package. Facts come from each vendor's SCIM documentation (`sourceUrl`); where
 * the docs are silent the preset says so in `notes` and leaves the quirk to discovery.
 */
export const scimPresets: readonly ScimPreset[] = [
  {
    id: 'figma-scim',
    displayName: 'Figma (SCIM)',
    baseUrlTemplate: 'https://www.figma.com/scim/v2/{tenant_id}',
    templateParameters: {
      tenant_id: 'The Tenant ID under Admin settings > Login and provisioning > SAML SSO.',
    },
    providerHosts: ['www.figma.com'],
    authKind: 'bearer',
    quirks: { pageSizeCap: 200, userDeleteMeaning: 'removes' },
    sourceUrl: 'https://developers.figma.com/docs/rest-api/scim-endpoints',
    notes:
      'ServiceProviderConfig advertises patch, filter with maxResults 200, no sort, no etag, no bulk. Its docs show filters on userName and externalId. Setting active=false "deletes the user from Figma but keeps the SCIM record"; DELETE removes the SCIM record. Organization and Enterprise plans only.',
  },
  {
    id: 'notion-scim',
    displayName: 'Notion (SCIM)',
    baseUrlTemplate: 'https://api.notion.com/scim/v2',
    templateParameters: {},
    providerHosts: ['api.notion.com'],
    authKind: 'bearer',
    quirks: { userDeleteMeaning: 'removes' },
    sourceUrl: 'https://www.notion.com/help/provision-users-and-groups-with-scim',
    notes:
      'Enterprise plan; a workspace owner creates the token. Users and groups are created, updated and removed; members are found by email or name. Workspace guests cannot be managed. The help page does not state a page size cap or the base URL in the parts we could read: the base URL is the one Notion lists for custom SCIM apps; override base_url if yours differs.',
  },
  {
    id: 'miro-scim',
    displayName: 'Miro (SCIM)',
    baseUrlTemplate: 'https://miro.com/api/v1/scim',
    templateParameters: {},
    providerHosts: ['miro.com'],
    authKind: 'bearer',
    quirks: { userDeleteMeaning: 'removes' },
    sourceUrl: 'https://developers.miro.com/reference/scim-introduction',
    notes:
      'Enterprise plan. Groups are user groups (teams on organizations not yet migrated, where groups cannot be created or deleted). Bulk is not supported. HTTPS only: http is redirected. The docs we read state no page size cap.',
  },
  {
    id: 'postman-scim',
    displayName: 'Postman (SCIM)',
    baseUrlTemplate: 'https://api.getpostman.com/scim/v2',
    templateParameters: {},
    providerHosts: ['api.getpostman.com'],
    authKind: 'bearer',
    quirks: { userDeleteMeaning: 'unsupported' },
    sourceUrl: 'https://learning.postman.com/api-docs/api-reference/scim/llms.txt',
    notes:
      'The API reference lists get/create/update for users and get/create/update/delete for groups, but no user DELETE: users are deactivated (active=false), and permanent deletion is refused.',
  },
  {
    id: 'docker-hub-scim',
    displayName: 'Docker Hub (SCIM)',
    baseUrlTemplate: 'https://hub.docker.com/v2/scim/2.0',
    templateParameters: {},
    providerHosts: ['hub.docker.com'],
    authKind: 'bearer',
    quirks: { pageSizeCap: 200 },
    sourceUrl:
      'https://docs.docker.com/reference/api/hub/latest/operations/getV2Scim20ServiceProviderConfig/',
    notes:
      'ServiceProviderConfig example: patch and sort supported, filter maxResults 200, no etag, no bulk. Creating a user that already exists by email assigns it to the organization. Docker Business only. What DELETE does is not stated in the pages we read.',
  },
  {
    id: 'zoom-scim',
    displayName: 'Zoom (SCIM2)',
    baseUrlTemplate: 'https://api.zoom.us/scim2',
    templateParameters: {},
    providerHosts: ['api.zoom.us'],
    authKind: 'bearer',
    quirks: {},
    sourceUrl: 'https://developers.zoom.us/docs/api/rest/scim-api/',
    notes:
      'OAuth only: the token is a Zoom OAuth access token with the SCIM2 scope (a Server-to-Server OAuth app issues it with its own account_credentials grant, which this preset does not perform; pass the token). Accept must be application/scim+json. Business or Education account with a vanity URL and SSO. Recent changelogs also show /v2/scim2 paths. Page size and DELETE semantics are not stated in the pages we read.',
  },
  {
    id: 'atlassian-scim',
    displayName: 'Atlassian user provisioning (SCIM)',
    baseUrlTemplate: 'https://api.atlassian.com/scim/directory/{directory_id}',
    templateParameters: {
      directory_id: 'The identity provider directory id (the part after /directory/ in its base URL).',
    },
    providerHosts: ['api.atlassian.com'],
    authKind: 'bearer',
    quirks: {
      pageSizeCap: 100,
      userDeleteMeaning: 'deactivates',
      unsupportedFilters: ['emails.value', 'active'],
    },
    sourceUrl: 'https://developer.atlassian.com/cloud/admin/user-provisioning/rest/intro/',
    notes:
      'The directory API key is a bearer token. Lists serve at most 100 users a page (startIndex to page on). Filtering is documented for userName and externalId only. DELETE deletes the SCIM record and deactivates the Atlassian account (reversible only in Atlassian Administration), so permanent=true is reported as a deactivation too.',
  },
  {
    id: 'dropbox-scim',
    displayName: 'Dropbox (SCIM)',
    baseUrlTemplate: 'https://api.dropboxapi.com/2/scim',
    templateParameters: {},
    providerHosts: ['api.dropboxapi.com'],
    authKind: 'bearer',
    quirks: {},
    sourceUrl: 'https://www.stitchflow.com/user-management/dropbox/api',
    notes:
      "We found no Dropbox SCIM API reference of Dropbox's own (the source is a third-party guide saying SCIM exists on Standard, Advanced and Enterprise plans): Dropbox documents provisioning through its Okta and Entra apps and its own Business API, and issues a separate SCIM token in the Admin Console. The base URL here is unverified: set base_url to the SCIM URL the Admin Console shows. Every quirk is left to /ServiceProviderConfig discovery.",
  },
  {
    id: 'slack-scim',
    displayName: 'Slack (SCIM)',
    baseUrlTemplate: 'https://api.slack.com/scim/v2',
    templateParameters: {},
    providerHosts: ['api.slack.com'],
    authKind: 'bearer',
    quirks: { userDeleteMeaning: 'deactivates', pageSizeCap: 1000 },
    sourceUrl: 'https://docs.slack.dev/reference/scim-api',
    notes:
      'A user token with the admin scope on Business+ or Enterprise Grid. DELETE /Users/{id} "sets a Slack user to deactivated" (so permanent=true cannot remove a user); DELETE /Groups/{id} removes the group. SCIM API calls have their own org-wide rate limits. The 1000 page cap is from our providers reference, not confirmed in the pages we read.',
  },
  {
    id: 'github-emu-scim',
    displayName: 'GitHub Enterprise Managed Users (SCIM)',
    baseUrlTemplate: 'https://api.github.com/scim/v2/enterprises/{enterprise}',
    templateParameters: { enterprise: 'The enterprise slug.' },
    providerHosts: ['api.github.com'],
    authKind: 'bearer',
    quirks: { userDeleteMeaning: 'deactivates' },
    sourceUrl:
      'https://docs.github.com/en/enterprise-cloud@latest/admin/managing-iam/provisioning-user-accounts-with-scim/provisioning-users-and-groups-with-scim-using-the-rest-api',
    notes:
      'A personal access token (classic) with scim:enterprise of the setup user. Deprovisioning suspends the account: active=false is a soft deprovision (reinstatable), DELETE a hard one (the account stays suspended and cannot be reinstated); a deprovisioned account is never removed from the enterprise.',
  },
];

/** A preset by integration id. */
export function findScimPreset(id: string): ScimPreset | undefined {
  return scimPresets.find((preset) => preset.id === id);
}
