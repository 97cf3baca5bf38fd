/**
 * Action names main writes to the audit log, offered in the Action filter before any row
 * with them has been loaded. Names seen in loaded rows are added to the list as well.
 */
export const AUDIT_ACTIONS = [
  'workspace.create',
  'session.sign_in',
  'session.sign_out',
  'account.change_passphrase',
  'account.activate',
  'enrollment.redeem',
  'member.add',
  'member.update',
  'member.remove',
  'member.reissueEnrollment',
  'project.create',
  'cluster.create',
  'clusterUser.add',
  'clusterUser.reset',
  'clusterUser.drop',
  'clusterUser.changeRole',
  'clusterUser.verify',
  'reveal.open',
  'audit.export',
  'audit.verify',
] as const
