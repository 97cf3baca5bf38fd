/** Members and enrollment: thin wrappers; MemberService decides every rule. */
import type { HandlerTable } from '../types'

export const memberHandlers = {
  'members.list': (_input, { core, actor }) => core.members.list(actor),
  'members.add': (input, { core, actor }) => core.members.add(actor, input),
  'members.update': (input, { core, actor }) => core.members.update(actor, input),
  'members.remove': (input, { core, actor }) => {
    core.members.remove(actor, input.accountId)
    return null
  },
  'members.reissueEnrollment': (input, { core, actor }) => core.members.reissueEnrollment(actor, input.accountId),
  'enrollment.redeem': (input, { core }) => core.members.redeem(input.email, input.code, input.passphrase),
} satisfies Pick<
  HandlerTable,
  'members.list' | 'members.add' | 'members.update' | 'members.remove' | 'members.reissueEnrollment' | 'enrollment.redeem'
>
