/** The connector id: the `integration` of its integrated accounts, and the owner of its cursors. */
export const googleWorkspaceConnectorId = 'google-workspace';
