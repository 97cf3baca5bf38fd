/** Audit log: thin wrappers; AuditLog decides who may read it. */
import type { HandlerTable } from '../types'

export const auditHandlers = {
  'audit.list': (input, { core, actor }) => core.audit.list(actor, input.filter, input.limit, input.beforeId),
  'audit.exportCsv': (input, { core, actor }) => ({ csv: core.audit.exportCsv(actor, input.filter) }),
  'audit.verify': (input, { core, actor }) => core.audit.verify(actor, input.receipt),
} satisfies Pick<HandlerTable, 'audit.list' | 'audit.exportCsv' | 'audit.verify'>
