/**
 * The Okta connector's user -> UnifiedUser mapping (`mapOktaUser`), written in JSONata. M4 checks it
 * returns the same users as the TypeScript mapping before it times either.
 *
 * Evaluated against one raw-format list page (`{ result: [...] }`); returns the page's unified users.
 */
export const oktaUserPageJsonata = `
(
  $text := function($value) { ($type($value) = "string" and $value != "") ? $value };
  $timestamp := function($value) { $text($value) ? $fromMillis($toMillis($value)) };
  $statuses := {
    "STAGED": "invited", "PROVISIONED": "invited", "ACTIVE": "active", "RECOVERY": "active",
    "PASSWORD_EXPIRED": "active", "LOCKED_OUT": "active", "SUSPENDED": "inactive", "DEPROVISIONED": "deleted"
  };
  $pushEmail := function($emails, $email, $type, $isPrimary) {
    ($exists($email) and $not($lowercase($email) in $emails.$lowercase(email)))
      ? $append($emails, [{ "email": $email, "is_primary": $isPrimary, "type": $type }])
      : $emails
  };
  $mapUser := function($user) {(
    $profile := $user.profile;
    $login := $text($profile.login);
    $firstName := $text($profile.firstName);
    $lastName := $text($profile.lastName);
    $joined := $join([$firstName, $lastName], " ");
    $displayName := $text($profile.displayName);
    $identifiers := { "login": $login, "employee_number": $text($profile.employeeNumber) };
    $emails := $pushEmail($pushEmail([], $text($profile.email), "work", true), $text($profile.secondEmail), "secondary", false);
    $emails := $contains($login ? $login : "", "@") ? $pushEmail($emails, $login, "login", false) : $emails;
    $phones := [
      $text($profile.primaryPhone) ? { "number": $profile.primaryPhone, "type": "work" },
      $text($profile.mobilePhone) ? { "number": $profile.mobilePhone, "type": "mobile" }
    ];
    $preferred := $text($profile.preferredLanguage);
    $locale := $text($profile.locale) ? $replace($profile.locale, "_", "-", 1);
    $languages := [
      $preferred,
      ($locale and $lowercase($locale) != ($preferred ? $lowercase($preferred) : "")) ? $locale
    ];
    $hasRoles := $type($user.roles) = "array";
    $status := $user.status;
    {
      "id": $user.id,
      "identifiers": $count($keys($identifiers)) > 0 ? $identifiers,
      "username": $login,
      "first_name": $firstName,
      "last_name": $lastName,
      "name": $exists($displayName) ? $displayName : $joined != "" ? $joined,
      "title": $text($profile.title),
      "emails": $count($emails) > 0 ? $emails,
      "phones": $count($phones) > 0 ? $phones,
      "status": $status ? ($exists($lookup($statuses, $status)) ? $lookup($statuses, $status) : $status),
      "urls": $text($profile.profileUrl) ? [{ "type": "profile", "url": $profile.profileUrl }],
      "timezone": $text($profile.timezone),
      "languages": $count($languages) > 0 ? $languages,
      "groups": $type($user.groups) = "array"
        ? [$user.groups.(profile.name ? { "id": id, "name": profile.name } : { "id": id })],
      "roles": $hasRoles ? [$user.roles.(
          $roleId := (type = "CUSTOM" and role) ? role : type;
          label ? { "id": $roleId, "name": label } : { "id": $roleId }
        )],
      "user_type": $hasRoles ? ($count($user.roles) > 0 ? "admin" : "end_user"),
      "activated_at": $timestamp($user.activated),
      "status_changed_at": $timestamp($user.statusChanged),
      "last_login_at": $timestamp($user.lastLogin),
      "created_at": $timestamp($user.created),
      "updated_at": $timestamp($user.lastUpdated),
      "remote_data": $user
    }
  )};
  [result.$mapUser($)]
)
`;
