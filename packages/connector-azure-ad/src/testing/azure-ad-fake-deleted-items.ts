import type { FakeRequest, FakeRoute, SeedUser } from '@unidir/testkit';
import { defaultUserProjection, graphUserRecord, project } from './azure-ad-fake-records.js';
import { graphJson, graphNoContent, metadataUrl, resourceNotFound } from './azure-ad-fake-responses.js';
import { type GraphFakeContext, listUsersPage } from './azure-ad-fake-users.js';

/** The deleted-items container: soft-deleted users wait here 30 days to be restored or purged. */
export function deletedItemRoutes(context: GraphFakeContext): FakeRoute[] {
  const { directory } = context;
  const deletedUser = (id: string) =>
    directory.isDeleted(id) ? directory.userById(id, { includeDeleted: true }) : undefined;
  /** Deleted items are directory objects: the answer names the user type, which /users answers leave out. */
  const directoryObjectAnswer = (request: FakeRequest, user: SeedUser, projection: readonly string[]) =>
    graphJson(request, 200, {
      '@odata.context': metadataUrl(request, 'directoryObjects/$entity'),
      '@odata.type': '#microsoft.graph.user',
      ...project('user', graphUserRecord(directory, user), projection),
    });
  return [
    {
      name: 'deletedItems.users',
      method: 'GET',
      pattern: '/v1.0/directory/deletedItems/microsoft.graph.user',
      handle: (request) =>
        listUsersPage(context, request, 'users', (offset, limit) =>
          directory
            .listUsers({ offset, limit, includeDeleted: true })
            .users.map((user) => (directory.isDeleted(user.id) ? user : undefined))
            .filter((user): user is SeedUser => user !== undefined),
        ),
    },
    {
      name: 'deletedItems.get',
      method: 'GET',
      pattern: '/v1.0/directory/deletedItems/:id',
      handle(request) {
        const user = deletedUser(request.params.id!);
        if (!user) return resourceNotFound(request, request.params.id!);
        return directoryObjectAnswer(request, user, [...defaultUserProjection, 'deletedDateTime']);
      },
    },
    {
      name: 'deletedItems.delete',
      method: 'DELETE',
      pattern: '/v1.0/directory/deletedItems/:id',
      handle(request) {
        if (!deletedUser(request.params.id!)) return resourceNotFound(request, request.params.id!);
        directory.purgeUser(request.params.id!);
        return graphNoContent(request);
      },
    },
    {
      name: 'deletedItems.restore',
      method: 'POST',
      pattern: '/v1.0/directory/deletedItems/:id/restore',
      handle(request) {
        const user = deletedUser(request.params.id!);
        if (!user) return resourceNotFound(request, request.params.id!);
        directory.restoreUser(user.id);
        directory.extras.set(user.id, { ...directory.extras.get(user.id), deletedDateTime: null });
        return directoryObjectAnswer(request, user, defaultUserProjection);
      },
    },
  ];
}
