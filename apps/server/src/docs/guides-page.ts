import { docsPage } from './page-layout.js';

/** The quick start and how to connect each provider; the connector READMEs hold the full details. */
export function renderGuidesPage(): string {
  return docsPage(
    'unidir guides',
    'guides',
    `<h1>Guides</h1>
<h2 id="quick-start">Quick start on a sandbox account</h2>
<p>A sandbox account runs the connector's own fake of the provider, seeded with users and groups: nothing
leaves the machine. Set <code>TOKEN</code> to an API token (e.g. <code>UNIDIR_BOOTSTRAP_TOKEN</code>) and
<code>BASE</code> to the server's address.</p>
<pre>curl -s -X POST "$BASE/integrated-accounts" -H "Authorization: Bearer $TOKEN" \\
  -H 'content-type: application/json' -d '{"integration":"azure-ad","sandbox":true,"sandbox_users":50}'
# {"id":"ACCOUNT", ...}

curl -s "$BASE/unified/user-directory/users?integrated_account_id=ACCOUNT&amp;limit=2" -H "Authorization: Bearer $TOKEN"
# {"result":[...],"next_cursor":"...","prev_cursor":null,"result_count":2}

curl -s -X DELETE "$BASE/unified/user-directory/users/USER?integrated_account_id=ACCOUNT&amp;dry_run=true" \\
  -H "Authorization: Bearer $TOKEN"
# {"dry_run":true,"provider_calls":[...],"actions":[...]}</pre>
<p>Pass <code>next_cursor</code> back for the next page; it is <code>null</code> on the last one. Arrays and
objects go in query strings the way the <code>qs</code> library writes them: <code>truto_exclude_fields[]=id</code>,
<code>remote_query[$filter]=...</code>, <code>emails[0][email]=a@example.com</code>. Truto's SDK works
unchanged with <code>baseUrl</code> set to this server.</p>

<h2 id="delete">Deleting users</h2>
<p><code>DELETE /unified/user-directory/users/{id}</code> does what the connector's manifest says (see the
<a href="/docs/coverage#users-delete">coverage matrix</a>): a soft delete by default, <code>permanent=true</code>
to purge where supported, <code>remove_from=group&amp;remove_from_id=G</code> to remove only a membership. The
answer lists every action with its outcome (<code>done</code>, <code>already_done</code> on a retry,
<code>planned</code> in a dry run). Send an <code>Idempotency-Key</code> header to make a retry safe.</p>

<h2 id="azure-ad">Connecting Microsoft Entra ID (Azure AD)</h2>
<ol>
<li>Register an application in the tenant and create a client secret (or upload a certificate).</li>
<li>Grant it <strong>application</strong> permissions and give admin consent: <code>User.Read.All</code> and
<code>GroupMember.Read.All</code> (or <code>Directory.Read.All</code>) to read; <code>User.ReadWrite.All</code> to
create, update and delete users (also for <code>permanent=true</code>); <code>GroupMember.ReadWrite.All</code> to
remove users from groups; <code>AuditLog.Read.All</code> and a P1/P2 licence for <code>last_login_at</code>.</li>
<li>Deleting or updating an administrator also needs the app to hold a suitable Entra role.</li>
<li><code>POST /integrated-accounts</code> with <code>{"integration":"azure-ad","credentials":{"tenant_id","client_id","client_secret"}}</code>.</li>
</ol>

<h2 id="google-workspace">Connecting Google Workspace</h2>
<ol>
<li>In Google Cloud, enable the Admin SDK API, create a service account and a JSON key.</li>
<li>In the Admin console (Security → Access and data control → API controls → Manage domain-wide
delegation), add the service account's client ID with three scopes:
<code>admin.directory.user</code> (users), <code>admin.directory.group.member</code> (memberships) and
<code>admin.directory.group.readonly</code> (groups), each under <code>https://www.googleapis.com/auth/</code>.</li>
<li>Use an administrator allowed to manage users as <code>subject</code>.</li>
<li><code>POST /integrated-accounts</code> with <code>{"integration":"google-workspace","credentials":{"client_email","private_key","subject"}}</code>.</li>
</ol>
<p>A scope that was not delegated, or a subject without admin rights, answers 401 <code>provider_auth_failed</code>.</p>

<h2 id="errors">Errors</h2>
<p>Every error is <code>{statusCode, error, message, code, details}</code> with a stable <code>code</code>; errors of
unified calls name the <code>integration</code> and <code>integrated_account_id</code> in <code>details</code>, and
say which provider answered. The <a href="/docs">API reference</a> lists the answers of each route.</p>`,
  );
}
