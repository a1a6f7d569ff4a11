/**
 * The Slack connector's users.list member -> UnifiedUser mapping (`mapSlackUser`), written in JSONata.
 * M4 checks it returns the same users as the TypeScript mapping before it times either.
 *
 * Evaluated against one raw-format list page (`{ result: [...] }`); returns the page's unified users.
 */
export const slackUserPageJsonata = `
(
  $nonEmpty := function($value) { $value != "" ? $value };
  $roleNames := {
    "primary_owner": "Primary Owner", "owner": "Owner", "admin": "Admin", "member": "Member",
    "multi_channel_guest": "Multi-Channel Guest", "single_channel_guest": "Single-Channel Guest", "bot": "Bot"
  };
  $roleIdsOf := function($user) {(
    $enterprise := $user.enterprise_user;
    $ranks := [
      ($user.is_primary_owner or $enterprise.is_primary_owner) ? "primary_owner",
      ($user.is_owner or $enterprise.is_owner) ? "owner",
      ($user.is_admin or $enterprise.is_admin) ? "admin"
    ];
    $user.is_bot ? $append($ranks, ["bot"])
      : $user.is_ultra_restricted ? $append($ranks, ["single_channel_guest"])
      : $user.is_restricted ? $append($ranks, ["multi_channel_guest"])
      : $count($ranks) = 0 ? ["member"]
      : $ranks
  )};
  $mapUser := function($user) {(
    $profile := $user.profile;
    $email := $nonEmpty($profile.email);
    $phone := $nonEmpty($profile.phone);
    $enterprise := $user.enterprise_user;
    $roleIds := $roleIdsOf($user);
    $workspaceIds := $exists($enterprise.teams) ? $enterprise.teams : $exists($user.team_id) ? [$user.team_id] : [];
    $avatar512 := $nonEmpty($profile.image_512);
    $realName := $nonEmpty($user.real_name);
    {
      "id": $user.id,
      "first_name": $nonEmpty($profile.first_name),
      "last_name": $nonEmpty($profile.last_name),
      "name": $exists($realName) ? $realName : $nonEmpty($profile.real_name),
      "title": $nonEmpty($profile.title),
      "username": $nonEmpty($user.name),
      "emails": $exists($email) ? [{ "email": $email, "is_primary": true, "type": "work" }],
      "phones": $exists($phone) ? [{ "number": $phone, "type": "work" }],
      "status": $user.deleted ? "inactive" : "active",
      "is_email_verified": $user.is_email_confirmed,
      "is_2fa_enabled": $user.has_2fa,
      "roles": [$roleIds.{ "id": $, "name": $lookup($roleNames, $) }],
      "organizations": $exists($enterprise.enterprise_id)
        ? [{ "id": $enterprise.enterprise_id, "name": $nonEmpty($enterprise.enterprise_name) }],
      "workspaces": [$workspaceIds.{ "id": $ }],
      "avatar": $exists($avatar512) ? $avatar512 : $nonEmpty($profile.image_192),
      "timezone": $nonEmpty($user.tz),
      "user_type": ("primary_owner" in $roleIds or "owner" in $roleIds or "admin" in $roleIds) ? "admin"
        : "bot" in $roleIds ? "bot"
        : "single_channel_guest" in $roleIds ? "single_channel_guest"
        : "multi_channel_guest" in $roleIds ? "guest"
        : "end_user",
      "updated_at": ($exists($user.updated) and $user.updated != 0) ? $fromMillis($user.updated * 1000),
      "remote_data": $user
    }
  )};
  [result.$mapUser($)]
)
`;
