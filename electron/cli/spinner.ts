/**
 * A spinner on the terminal while Argon2id runs. The key derivation is synchronous and
 * blocks the main thread, so the spinner runs in a worker thread that writes straight to
 * file descriptor 2 (a worker's process.stderr would be relayed through the busy main
 * thread and freeze). Only on a TTY; scripts get no control characters.
 */
import { Worker } from 'node:worker_threads'

const SPINNER_SOURCE = `
const { writeSync } = require('node:fs')
const { workerData, parentPort } = require('node:worker_threads')
const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
let index = 0
const draw = () => { try { writeSync(2, '\\r' + frames[index++ % frames.length] + ' ' + workerData.label) } catch {} }
draw()
const timer = setInterval(draw, 80)
parentPort.on('message', () => {
  clearInterval(timer)
  try { writeSync(2, '\\r\\u001b[2K') } catch {}
  parentPort.postMessage('stopped')
})
`

export interface Spinner {
  stop(): Promise<void>
}

export function startSpinner(label: string, enabled: boolean): Spinner {
  if (!enabled) return { stop: () => Promise.resolve() }
  const worker = new Worker(SPINNER_SOURCE, { eval: true, workerData: { label } })
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => void worker.terminate().finally(resolve)
        worker.once('message', done)
        worker.once('error', done)
        worker.postMessage('stop')
      }),
  }
}
