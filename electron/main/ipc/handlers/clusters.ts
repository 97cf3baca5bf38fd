/** Clusters: thin wrappers; ClusterService decides every rule. */
import type { HandlerTable } from '../types'

export const clusterHandlers = {
  'clusters.list': (input, { core, actor }) => core.clusters.list(actor, input.projectId),
  'clusters.get': (input, { core, actor }) => core.clusters.get(actor, input.clusterId),
  'clusters.create': (input, { core, actor }) => core.clusters.create(actor, input),
} satisfies Pick<HandlerTable, 'clusters.list' | 'clusters.get' | 'clusters.create'>
