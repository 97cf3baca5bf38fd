/**
 * Passphrase strength estimate (zxcvbn-ts) for guidance while typing. The estimator and its
 * dictionaries are ~1 MB, so they load on first use instead of blocking the first paint; the
 * rule that is enforced (minimum length) lives in shared/policy/passphrase.ts and in main.
 */
import type { Score, ZxcvbnFactory } from '@zxcvbn-ts/core'

export interface StrengthEstimate {
  score: Score
  warning: string | null
  suggestions: string[]
}

export const STRENGTH_LABELS: Record<Score, string> = {
  0: 'Very weak',
  1: 'Weak',
  2: 'Fair',
  3: 'Strong',
  4: 'Very strong',
}

let estimator: Promise<ZxcvbnFactory> | null = null

export function loadStrengthEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
        useLevenshteinDistance: true,
      }),
    (error: unknown) => {
      // Let a later keystroke retry instead of caching the failure forever.
      estimator = null
      throw error
    },
  )
  return estimator
}

/** `userInputs` (organization, name, email) count as guessable words. */
export async function estimateStrength(passphrase: string, userInputs: readonly string[] = []): Promise<StrengthEstimate> {
  const zxcvbn = await loadStrengthEstimator()
  const result = await zxcvbn.checkAsync(
    passphrase,
    userInputs.filter((input) => input.length > 0),
  )
  return { score: result.score, warning: result.feedback.warning, suggestions: result.feedback.suggestions }
}
