/**
 * The GitHub connector's organization member -> UnifiedUser mapping (`mapGitHubUser` with the standing
 * a members list gives: an active member of `organization`, role unknown), written in JSONata. M4 checks
 * it returns the same users as the TypeScript mapping before it times either.
 *
 * Evaluated against one raw-format list page (`{ result: [...] }`); returns the page's unified users.
 */
export function gitHubMemberPageJsonata(organization: string): string {
  return `
(
  $organization := ${JSON.stringify(organization)};
  $text := function($value) { ($type($value) = "string" and $value != "") ? $value };
  $mapUser := function($user) {
    {
      "id": $string($user.id),
      "remote_data": $user,
      "username": $user.login,
      "identifiers": $user.node_id ? { "login": $user.login, "node_id": $user.node_id } : { "login": $user.login },
      "name": $user.name ? $user.name,
      "emails": $user.email ? [{ "email": $user.email, "is_primary": true, "type": "public" }],
      "bio": $user.bio ? $user.bio,
      "avatar": $user.avatar_url ? $user.avatar_url,
      "urls": $user.html_url ? [{ "type": "profile", "url": $user.html_url }],
      "status": "active",
      "organizations": [{ "id": $organization, "name": $organization }],
      "created_at": $text($user.created_at),
      "updated_at": $text($user.updated_at)
    }
  };
  [result.$mapUser($)]
)
`;
}
