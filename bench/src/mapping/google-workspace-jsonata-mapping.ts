/**
 * The Google Workspace connector's Directory API user -> UnifiedUser mapping (`mapGoogleUser`), written
 * in JSONata. M4 checks it returns the same users as the TypeScript mapping before timing either.
 *
 * Evaluated against one Directory API list page (`{ users: [...] }`); returns the page's unified users.
 */
export const googleWorkspaceUserPageJsonata = `
(
  $typeOf := function($entry) { $entry.type = "custom" ? ($entry.customType ? $entry.customType) : $entry.type };
  $timestamp := function($value) { $value ? $fromMillis($toMillis($value)) };
  $pushEmail := function($emails, $email) {
    $lowercase($email.email) in $emails.$lowercase(email) ? $emails : $append($emails, [$email])
  };
  $mapEmails := function($user) {(
    $fromPrimary := $user.primaryEmail ? [{ "email": $user.primaryEmail, "is_primary": true, "type": "work" }] : [];
    $fromEmails := $reduce($user.emails[$boolean(address)], function($emails, $entry) {
      $pushEmail($emails, { "email": $entry.address, "is_primary": $entry.primary = true, "type": $typeOf($entry) })
    }, $fromPrimary);
    $withEmails := $exists($fromEmails) ? $fromEmails : $fromPrimary;
    $fromAliases := $reduce($user.aliases, function($emails, $alias) {
      $pushEmail($emails, { "email": $alias, "is_primary": false, "type": "alias" })
    }, $withEmails);
    $exists($fromAliases) ? $fromAliases : $withEmails
  )};
  $mapUser := function($user) {(
    $emails := $mapEmails($user);
    $phones := [$user.phones[$boolean(value)].{ "number": value, "type": $typeOf($) }];
    $organization := $user.organizations[primary = true][0];
    $title := ($exists($organization) ? $organization : $user.organizations[0]).title;
    $roles := [
      $user.isAdmin = true ? { "id": "super_admin", "name": "Super Admin" },
      $user.isDelegatedAdmin = true ? { "id": "delegated_admin", "name": "Delegated Admin" }
    ];
    $urls := [$user.websites[$boolean(value)].($typeOf($) ? { "url": value, "type": $typeOf($) } : { "url": value })];
    $languages := [$user.languages.(languageCode ? languageCode : customLanguage)[$boolean($)]];
    $lastLogin := $timestamp($user.lastLoginTime);
    {
      "id": $user.id,
      "first_name": $user.name.givenName ? $user.name.givenName,
      "last_name": $user.name.familyName ? $user.name.familyName,
      "name": $user.name.displayName ? $user.name.displayName : ($user.name.fullName ? $user.name.fullName),
      "title": $title ? $title,
      "username": $user.primaryEmail,
      "emails": $count($emails) > 0 ? $emails,
      "phones": $count($phones) > 0 ? $phones,
      "status": $exists($user.deletionTime) ? "deleted"
        : ($user.suspended = true or $user.archived = true) ? "inactive"
        : "active",
      "is_2fa_enabled": $user.isEnrolledIn2Sv,
      "user_type": ($exists($user.isAdmin) or $exists($user.isDelegatedAdmin))
        ? (($user.isAdmin = true or $user.isDelegatedAdmin = true) ? "admin" : "end_user"),
      "roles": $count($roles) > 0 ? $roles,
      "organizations": $user.customerId ? [{ "id": $user.customerId }],
      "urls": $count($urls) > 0 ? $urls,
      "avatar": $user.thumbnailPhotoUrl ? $user.thumbnailPhotoUrl,
      "languages": $count($languages) > 0 ? $languages,
      "last_login_at": ($lastLogin and $toMillis($lastLogin) != 0) ? $lastLogin,
      "created_at": $timestamp($user.creationTime),
      "status_changed_at": $exists($user.deletionTime) ? $timestamp($user.deletionTime),
      "remote_data": $user
    }
  )};
  [users.$mapUser($)]
)
`;
