/** Cluster users: thin wrappers; ClusterUserService decides every rule, including db_admin's protection. */
import type { HandlerTable } from '../types'

export const clusterUserHandlers = {
  'clusterUsers.list': (input, { core, actor }) => core.clusterUsers.list(actor, input.clusterId),
  'clusterUsers.add': (input, { core, actor }) => core.clusterUsers.add(actor, input),
  'clusterUsers.resetPassword': (input, { core, actor }) => core.clusterUsers.resetPassword(actor, input),
  'clusterUsers.drop': (input, { core, actor }) => {
    core.clusterUsers.drop(actor, input)
    return null
  },
  'clusterUsers.changeRole': (input, { core, actor }) => core.clusterUsers.changeRole(actor, input),
  'clusterUsers.verifyCredential': (input, { core, actor }) => core.clusterUsers.verifyCredential(actor, input),
} satisfies Pick<
  HandlerTable,
  | 'clusterUsers.list'
  | 'clusterUsers.add'
  | 'clusterUsers.resetPassword'
  | 'clusterUsers.drop'
  | 'clusterUsers.changeRole'
  | 'clusterUsers.verifyCredential'
>
