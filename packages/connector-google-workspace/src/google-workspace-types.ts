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
