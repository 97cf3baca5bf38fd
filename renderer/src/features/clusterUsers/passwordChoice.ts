import type { PasswordChoice } from '@shared/ipc/contract'
import { checkClusterPassword } from '@shared/policy/clusterUser'

/** Generated length used unless the person changes it; KeePassXC's default. */
export const GENERATED_PASSWORD_LENGTH = 20

/** The form state behind a "generate or type" password choice. */
export interface PasswordChoiceState {
  mode: 'generate' | 'typed'
  avoidLookAlikes: boolean
  typed: string
}

export function initialPasswordChoice(): PasswordChoiceState {
  return { mode: 'generate', avoidLookAlikes: true, typed: '' }
}

/** The same policy main enforces; null when the choice can be submitted. */
export function passwordChoiceProblem(state: PasswordChoiceState): string | null {
  return state.mode === 'typed' ? checkClusterPassword(state.typed) : null
}

export function toPasswordChoice(state: PasswordChoiceState): PasswordChoice {
  return state.mode === 'typed'
    ? { mode: 'typed', password: state.typed }
    : { mode: 'generate', length: GENERATED_PASSWORD_LENGTH, avoidLookAlikes: state.avoidLookAlikes }
}
