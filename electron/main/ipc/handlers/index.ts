/**
 * Main's handler table: one handler per contract channel, grouped by domain. The
 * `satisfies HandlerTable` below makes a missing or extra channel a type error.
 */
import type { HandlerTable } from '../types'
import { accountHandlers } from './accounts'
import { memberHandlers } from './members'
import { projectHandlers } from './projects'
import { clusterHandlers } from './clusters'
import { clusterUserHandlers } from './clusterUsers'
import { revealHandlers } from './reveal'
import { auditHandlers } from './audit'
import { handoffHandlers } from './handoff'
import { vaultHandlers } from './vault'

export const handlers = {
  ...accountHandlers,
  ...memberHandlers,
  ...projectHandlers,
  ...clusterHandlers,
  ...clusterUserHandlers,
  ...revealHandlers,
  ...auditHandlers,
  ...handoffHandlers,
  ...vaultHandlers,
} satisfies HandlerTable
