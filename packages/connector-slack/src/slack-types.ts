/** The Web API's user object (users.list, users.info, users.lookupByEmail), the fields this connector reads. */
export interface SlackUser {
  id: string;
  team_id?: string;
  name?: string;
  deleted?: boolean;
  real_name?: string;
  tz?: string;
  profile?: {
    title?: string;
    phone?: string;
    real_name?: string;
    display_name?: string;
    email?: string;
    first_name?: string;
    last_name?: string;
    image_192?: string;
    image_512?: string;
    image_original?: string;
  };
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_bot?: boolean;
  is_app_user?: boolean;
  is_email_confirmed?: boolean;
  has_2fa?: boolean;
  /** Unix seconds. */
  updated?: number;
  /** Present on Enterprise Grid. */
  enterprise_user?: {
    id?: string;
    enterprise_id?: string;
    enterprise_name?: string;
    is_admin?: boolean;
    is_owner?: boolean;
    is_primary_owner?: boolean;
    teams?: string[];
  };
}

/** usergroups.list's user group. */
export interface SlackUserGroup {
  id: string;
  team_id?: string;
  enterprise_subteam_id?: string;
  name?: string;
  handle?: string;
  description?: string;
  is_external?: boolean;
  /** Unix seconds; date_delete is 0 unless the group is disabled. */
  date_create?: number;
  date_update?: number;
  date_delete?: number;
  user_count?: number;
  users?: string[];
}

/** admin.teams.list's workspace, or team.info's team. */
export interface SlackTeam {
  id: string;
  name?: string;
  domain?: string;
  team_url?: string;
  enterprise_id?: string;
  enterprise_name?: string;
}

/** A SCIM v2 User as Slack writes it. */
export interface ScimUser {
  schemas?: string[];
  id: string;
  externalId?: string;
  userName?: string;
  displayName?: string;
  name?: { givenName?: string; familyName?: string };
  title?: string;
  active?: boolean;
  emails?: Array<{ value: string; primary?: boolean; type?: string }>;
}
