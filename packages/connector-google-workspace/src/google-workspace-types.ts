/** The Directory API's resources as the discovery document describes them (only the fields we read or write). */
export interface GoogleUserName {
  givenName?: string;
  familyName?: string;
  fullName?: string;
  displayName?: string;
}

export interface GoogleUserEmail {
  address?: string;
  primary?: boolean;
  type?: string;
  customType?: string;
}

export interface GoogleUserPhone {
  value?: string;
  primary?: boolean;
  type?: string;
  customType?: string;
}

export interface GoogleUserOrganization {
  title?: string;
  department?: string;
  primary?: boolean;
  name?: string;
  customType?: string;
}

export interface GoogleUserWebsite {
  value?: string;
  type?: string;
  customType?: string;
  primary?: boolean;
}

export interface GoogleUserLanguage {
  languageCode?: string;
  customLanguage?: string;
  preference?: string;
}

export interface GoogleUser {
  kind?: string;
  id: string;
  etag?: string;
  primaryEmail?: string;
  name?: GoogleUserName;
  isAdmin?: boolean;
  isDelegatedAdmin?: boolean;
  lastLoginTime?: string;
  creationTime?: string;
  deletionTime?: string;
  agreedToTerms?: boolean;
  suspended?: boolean;
  suspensionReason?: string;
  archived?: boolean;
  changePasswordAtNextLogin?: boolean;
  emails?: GoogleUserEmail[];
  aliases?: string[];
  phones?: GoogleUserPhone[];
  organizations?: GoogleUserOrganization[];
  languages?: GoogleUserLanguage[];
  websites?: GoogleUserWebsite[];
  customerId?: string;
  orgUnitPath?: string;
  isMailboxSetup?: boolean;
  isEnrolledIn2Sv?: boolean;
  isEnforcedIn2Sv?: boolean;
  includeInGlobalAddressList?: boolean;
  thumbnailPhotoUrl?: string;
  password?: string;
  [field: string]: unknown;
}

export interface GoogleUsersPage {
  kind?: string;
  etag?: string;
  /** Absent on an empty page. */
  users?: GoogleUser[];
  nextPageToken?: string;
}

export interface GoogleGroup {
  kind?: string;
  id: string;
  etag?: string;
  email?: string;
  name?: string;
  description?: string;
  /** An int64 sent as a string. */
  directMembersCount?: string;
  adminCreated?: boolean;
  aliases?: string[];
  nonEditableAliases?: string[];
  [field: string]: unknown;
}

export interface GoogleGroupsPage {
  kind?: string;
  etag?: string;
  groups?: GoogleGroup[];
  nextPageToken?: string;
}

export interface GoogleMember {
  kind?: string;
  id?: string;
  etag?: string;
  email?: string;
  role?: string;
  type?: string;
  status?: string;
  delivery_settings?: string;
}

export interface GoogleMembersPage {
  kind?: string;
  etag?: string;
  members?: GoogleMember[];
  nextPageToken?: string;
}

export interface GoogleErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    errors?: Array<{
      message?: string;
      domain?: string;
      reason?: string;
      location?: string;
      locationType?: string;
    }>;
  };
}

/** The Directory API's `Role`. */
export interface GoogleRole {
  kind?: string;
  etag?: string;
  roleId: string;
  roleName?: string;
  roleDescription?: string;
  rolePrivileges?: Array<{ privilegeName?: string; serviceId?: string }>;
  isSystemRole?: boolean;
  isSuperAdminRole?: boolean;
  [field: string]: unknown;
}

/** The Directory API's `RoleAssignment`. */
export interface GoogleRoleAssignment {
  kind?: string;
  etag?: string;
  roleAssignmentId: string;
  roleId?: string;
  assignedTo?: string;
  assigneeType?: 'user' | 'group';
  scopeType?: string;
  orgUnitId?: string;
  condition?: string;
  [field: string]: unknown;
}

/** The Directory API's `Customer`. */
export interface GoogleCustomer {
  kind?: string;
  etag?: string;
  id: string;
  customerDomain?: string;
  alternateEmail?: string;
  customerCreationTime?: string;
  language?: string;
  phoneNumber?: string;
  postalAddress?: {
    organizationName?: string;
    contactName?: string;
    countryCode?: string;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** The Reports API's `Activity` (the fields the mapping reads). */
export interface GoogleActivity {
  kind?: string;
  etag?: string;
  id?: { time?: string; uniqueQualifier?: string; applicationName?: string; customerId?: string };
  actor?: { callerType?: string; email?: string; profileId?: string; key?: string };
  ipAddress?: string;
  events?: Array<{
    type?: string;
    name?: string;
    parameters?: Array<{ name?: string; value?: string; multiValue?: string[] }>;
  }>;
  [field: string]: unknown;
}

/** The Enterprise License Manager API's `LicenseAssignment`. */
export interface GoogleLicenseAssignment {
  kind?: string;
  etags?: string;
  selfLink?: string;
  userId?: string;
  productId?: string;
  productName?: string;
  skuId?: string;
  skuName?: string;
}

/** A list page of roles, role assignments, activities or license assignments: Google calls them `items`. */
export interface GoogleItemsPage<Item> {
  kind?: string;
  etag?: string;
  items?: Item[];
  nextPageToken?: string;
}
