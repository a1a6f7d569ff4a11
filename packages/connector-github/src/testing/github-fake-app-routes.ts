import type { GitHubFakeAuth } from './github-fake-auth.js';
import { type GitHubRoute, notFound } from './github-fake-http.js';
import type { GitHubFakeWorld } from './github-fake-member-routes.js';
import { organizationFull, simpleAccount } from './github-fake-records.js';

/** The GitHub App flow (installation tokens, the app itself) and the organizations' own records. */
export function appAndOrganizationRoutes(
  world: GitHubFakeWorld,
  auth: GitHubFakeAuth,
  options: { planVisible: boolean },
): GitHubRoute[] {
  return [
    {
      name: 'app.installation_token',
      method: 'POST',
      pattern: '/app/installations/:installation_id/access_tokens',
      audience: 'app',
      handle(request) {
        if (request.params.installation_id !== auth.app.installationId) return notFound();
        const { token, expiresAt } = auth.issueInstallationToken();
        return {
          status: 201,
          body: {
            token,
            expires_at: expiresAt,
            permissions: { members: 'write', organization_administration: 'read' },
            repository_selection: 'all',
          },
        };
      },
    },
    {
      name: 'app.get',
      method: 'GET',
      pattern: '/app',
      audience: 'app',
      handle() {
        const owner = world.people().organization;
        return {
          status: 200,
          body: {
            id: Number(auth.app.appId),
            slug: 'unidir-directory',
            node_id: Buffer.from(`App${auth.app.appId}`).toString('base64'),
            client_id: 'Iv1.unidirfake',
            owner: simpleAccount(world.baseUrl(), owner.login, owner.id, 'Organization'),
            name: 'unidir directory',
            description: 'Reads and manages organization members.',
            external_url: 'https://unidir.test',
            html_url: 'https://github.com/apps/unidir-directory',
            created_at: '2025-02-03T09:00:00Z',
            updated_at: '2025-02-03T09:00:00Z',
            permissions: { members: 'write', organization_administration: 'read' },
            events: [],
            installations_count: 1,
          },
        };
      },
    },
    {
      name: 'orgs.get',
      method: 'GET',
      pattern: '/orgs/:org',
      handle(request) {
        const organization = world.organization(request.params.org ?? '');
        if (!organization) return notFound();
        return {
          status: 200,
          body: organizationFull(world.baseUrl(), organization.organization, options.planVisible),
        };
      },
    },
  ];
}
