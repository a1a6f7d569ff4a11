/**
 * The Azure AD connector's Graph user -> UnifiedUser mapping (`mapGraphUser`), written in JSONata, the
 * language Truto's mappings use. M4 checks it returns the same users as the TypeScript mapping before it
 * times either, so the comparison is between two equal mappings.
 *
 * Evaluated against one Graph list page (`{ value: [...] }`); returns the page's unified users.
 */
export const azureAdUserPageJsonata = `
(
  $pushEmail := function($emails, $email, $isPrimary, $type) {
    $lowercase($email) in $emails.$lowercase(email)
      ? $emails
      : $append($emails, [{ "email": $email, "is_primary": $isPrimary, "type": $type }])
  };
  $mapEmails := function($user) {(
    $fromMail := $user.mail ? $pushEmail([], $user.mail, true, "work") : [];
    $fromProxies := $type($user.proxyAddresses) = "array"
      ? $reduce($user.proxyAddresses, function($emails, $address) {
          $substring($address, 0, 5) = "SMTP:"
            ? $pushEmail($emails, $substring($address, 5), $count($emails) = 0, "work")
            : $substring($address, 0, 5) = "smtp:"
              ? $pushEmail($emails, $substring($address, 5), false, "alias")
              : $emails
        }, $fromMail)
      : $fromMail;
    $type($user.otherMails) = "array"
      ? $reduce($user.otherMails, function($emails, $address) { $pushEmail($emails, $address, false, "other") }, $fromProxies)
      : $fromProxies
  )};
  $mapUser := function($user) {(
    $emails := $mapEmails($user);
    $phones := [
      $user.businessPhones[$boolean($)].{ "number": $, "type": "work" },
      $user.mobilePhone ? { "number": $user.mobilePhone, "type": "mobile" },
      $user.faxNumber ? { "number": $user.faxNumber, "type": "fax" }
    ];
    $hasMemberOf := $type($user.memberOf) = "array";
    $groups := $hasMemberOf ? [$user.memberOf[\`@odata.type\` = "#microsoft.graph.group"].(displayName ? { "id": id, "name": displayName } : { "id": id })];
    $roles := $hasMemberOf ? [$user.memberOf[\`@odata.type\` = "#microsoft.graph.directoryRole"].(
      $roleId := roleTemplateId ? roleTemplateId : id;
      displayName ? { "id": $roleId, "name": displayName } : { "id": $roleId }
    )];
    $signIn := $user.signInActivity;
    $lastLogin := $signIn ? ($signIn.lastSuccessfulSignInDateTime ? $signIn.lastSuccessfulSignInDateTime : $signIn.lastSignInDateTime);
    {
      "id": $user.id,
      "username": $user.userPrincipalName ? $user.userPrincipalName,
      "identifiers": ($user.userPrincipalName or $user.employeeId) ? {
        "user_principal_name": $user.userPrincipalName ? $user.userPrincipalName,
        "employee_id": $user.employeeId ? $user.employeeId
      },
      "first_name": $user.givenName ? $user.givenName,
      "last_name": $user.surname ? $user.surname,
      "name": $user.displayName ? $user.displayName,
      "title": $user.jobTitle ? $user.jobTitle,
      "emails": $count($emails) > 0 ? $emails,
      "phones": $count($phones) > 0 ? $phones,
      "status": $user.deletedDateTime ? "deleted"
        : $user.externalUserState = "PendingAcceptance" ? "invited"
        : $user.accountEnabled = true ? "active"
        : $user.accountEnabled = false ? "inactive",
      "groups": $groups,
      "roles": $roles,
      "user_type": $count($roles) > 0 ? "admin"
        : $user.userType = "Guest" ? "Guest"
        : $hasMemberOf ? "end_user",
      "licenses": $type($user.assignedLicenses) = "array" ? [$user.assignedLicenses[$boolean(skuId)].{ "id": skuId }],
      "languages": $user.preferredLanguage ? [$user.preferredLanguage],
      "created_at": $user.createdDateTime ? $user.createdDateTime,
      "last_login_at": $lastLogin ? $lastLogin,
      "remote_data": $user
    }
  )};
  [value.$mapUser($)]
)
`;
