import {
  type DeleteResult,
  type MembershipResult,
  NotFoundError,
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
  if (operation === 'delete') {
    // Named by email, the user the lost attempt acted on has no id here: say what is known, not "nothing done".
    throw new NotFoundError({
      message:
        'No user has that email now. An earlier attempt of this request, whose answer was lost, may already have deleted or deactivated them; nothing more was sent. Look the user up by id to be sure.',
      ...(error.details === undefined ? {} : { details: error.details }),
      cause: error,
    });
  }
  if (operation === 'removeUser' && typeof groupId === 'string' && typeof userId === 'string') {
    return { group_id: groupId, user_id: userId, action: 'remove_from_group', outcome: 'already_done' };
  }
  throw error;
}
