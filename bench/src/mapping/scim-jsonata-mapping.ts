/**
 * The SCIM connector's User (core schema plus the enterprise extension) -> UnifiedUser mapping
 * (`mapScimUser`), written in JSONata. M4 checks it returns the same users as the TypeScript mapping
 * before it times either.
 *
 * Evaluated against one raw-format list page (`{ result: [...] }`); returns the page's unified users.
 */
export const scimUserPageJsonata = `
(
  $nonEmpty := function($value) { ($type($value) = "string" and $value != "") ? $value };
  $utc := function($value) { $nonEmpty($value) ? $fromMillis($toMillis($value)) };
  $mapUser := function($user) {(
    $enterprise := $user.\`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\`;
    $identifiers := {
      "user_name": $nonEmpty($user.userName),
      "employee_number": $nonEmpty($enterprise.employeeNumber),
      "manager_id": $nonEmpty($enterprise.manager.value),
      "department": $nonEmpty($enterprise.department)
    };
    $given := $nonEmpty($user.name.givenName);
    $family := $nonEmpty($user.name.familyName);
    $joined := $join([$given, $family], " ");
    $displayName := $nonEmpty($user.displayName);
    $formatted := $nonEmpty($user.name.formatted);
    $emails := [$user.emails[$nonEmpty(value)].{ "email": value, "is_primary": primary, "type": type }];
    $phones := [$user.phoneNumbers[$nonEmpty(value)].{ "number": value, "type": type }];
    $primaryPhoto := ($user.photos[primary])[0];
    $language := $nonEmpty($user.preferredLanguage);
    $locale := $nonEmpty($user.locale);
    $languages := $language = $locale ? [$language] : [$language, $locale];
    {
      "id": $user.id,
      "external_id": $nonEmpty($user.externalId),
      "identifiers": $count($keys($identifiers)) > 0 ? $identifiers,
      "first_name": $given,
      "last_name": $family,
      "name": $exists($displayName) ? $displayName : $exists($formatted) ? $formatted : $joined != "" ? $joined,
      "title": $nonEmpty($user.title),
      "username": $nonEmpty($user.userName),
      "emails": $count($emails) > 0 ? $emails,
      "phones": $count($phones) > 0 ? $phones,
      "status": $type($user.active) = "boolean" ? ($user.active ? "active" : "inactive"),
      "groups": $type($user.groups) = "array"
        ? [$user.groups[$nonEmpty(value)].(display ? { "id": value, "name": display } : { "id": value })],
      "avatar": $nonEmpty($exists($primaryPhoto.value) ? $primaryPhoto.value : $user.photos[0].value),
      "timezone": $nonEmpty($user.timezone),
      "languages": $count($languages) > 0 ? $languages,
      "user_type": $nonEmpty($user.userType),
      "created_at": $utc($user.meta.created),
      "updated_at": $utc($user.meta.lastModified),
      "remote_data": $user
    }
  )};
  [result.$mapUser($)]
)
`;
