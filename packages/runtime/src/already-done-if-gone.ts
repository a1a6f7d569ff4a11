import {
  type DeleteResult,
  type MembershipResult,
  type OperationName,
  UnidirError,
  wellKnownActions,
} from '@unidir/core';

/**
 * The answer to a delete or a removal retried after an attempt whose answer was lost, when the connector
 * finds its object gone (many read before they act): the earlier attempt did it. Anything else is rethrown,
 * and so is not found for other operations, where it proves nothing about an earlier attempt.
 */
export function alreadyDoneIfGone(
  operation: OperationName,
  parameters: Record<string, unknown>,
  error: unknown,
): DeleteResult | MembershipResult {
  if (!UnidirError.isInstance(error) || error.code !== 'not_found') throw error;
  const { id, group_id: groupId, user_id: userId } = parameters;
  if (operation === 'delete' && typeof id === 'string') {
    return { id, actions: [{ action: wellKnownActions.alreadyGone, target: id, outcome: 'already_done' }] };
  }
  if (operation === 'removeUser' && typeof groupId === 'string' && typeof userId === 'string') {
    return { group_id: groupId, user_id: userId, action: 'remove_from_group', outcome: 'already_done' };
  }
  throw error;
}
