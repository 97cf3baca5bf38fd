/**
 * Yes/no questions for a person at a terminal (delete this entry? apply this import?).
 * Only when both stdin and stderr are terminals; scripts say yes with `--yes` instead and
 * are never left waiting on a question nobody sees.
 */
import { createInterface } from 'node:readline'
import { PromptInterrupted } from './secretInput'

export function canAsk(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY)
}

/** Asks on stderr, reads a line with echo; only "y" or "yes" is yes. Ctrl-C aborts. */
export function askYesNo(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
  return new Promise((resolve, reject) => {
    let answered = false
    prompt.on('SIGINT', () => {
      answered = true
      prompt.close()
      process.stderr.write('\n')
      reject(new PromptInterrupted())
    })
    // Ctrl-D closes the input without an answer: that is a no.
    prompt.on('close', () => {
      if (!answered) resolve(false)
    })
    prompt.question(`${question} [y/N] `, (answer) => {
      answered = true
      prompt.close()
      resolve(/^y(es)?$/i.test(answer.trim()))
    })
  })
}
