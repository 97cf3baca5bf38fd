/** Projects: thin wrappers; ProjectService decides every rule. */
import type { HandlerTable } from '../types'

export const projectHandlers = {
  'projects.list': (_input, { core, actor }) => core.projects.list(actor),
  'projects.create': (input, { core, actor }) => core.projects.create(actor, input),
} satisfies Pick<HandlerTable, 'projects.list' | 'projects.create'>
