/**
 * The heavier half of a command, loaded (dynamically, by workspace.ts) while Argon2id
 * already runs: the core, the app's dispatcher and handler table, and the log file.
 */
import { join } from 'node:path'
import { AppError, type IpcResponse } from '@shared/errors'
import { createCore, type Core } from '../core/core'
import type { KeyDeriver } from '../core/crypto/kdfWorker'
import { createLogger } from '../core/log'
import { createLocalDispatcher, type LocalDispatch } from '../main/ipc/dispatch'
import { handlers } from '../main/ipc/handlers/index'
import { createFileSink, LOG_FILE_NAME } from '../main/logFile'
import type { Call, CliRuntime } from './types'

/** Opens the core on `dataDir` with the given key deriver, runs `work` over the dispatcher, closes. */
export async function withCore<T>(
  runtime: CliRuntime,
  dataDir: string,
  deriveKey: KeyDeriver,
  work: (call: Call) => Promise<T>,
): Promise<T> {
  const logSink = createFileSink(join(dataDir, LOG_FILE_NAME))
  const logger = createLogger(logSink, 'info')
  let core: Core | null = null
  try {
    logger.info('cli.starting', { pid: process.pid })
    core = await createCore({
      dataDir,
      kdf: runtime.kdf,
      passwordHashing: runtime.passwordHashing,
      logger,
      deriveKey,
      ...(runtime.backup ? { backup: runtime.backup } : {}),
    })
    const dispatch = createLocalDispatcher({ core, handlers, ports: commandLinePorts(), logger })
    return await work(typedCall(dispatch))
  } finally {
    core?.close()
    logger.info('cli.done', { pid: process.pid })
    logSink.close()
  }
}

function typedCall(dispatch: LocalDispatch): Call {
  return async (channel, input) => {
    const response = (await dispatch(channel, input)) as IpcResponse<never>
    if (response.ok) return response.value
    throw new AppError(response.error.code, response.error.message, {
      ...(response.error.field === undefined ? {} : { field: response.error.field }),
      ...(response.error.retryAfterMs === undefined ? {} : { retryAfterMs: response.error.retryAfterMs }),
    })
  }
}

/** The command line has no clipboard: secrets go to stdout, shown once (see commands). */
function commandLinePorts() {
  return {
    copySecretToClipboard(): void {
      throw new AppError('INVALID_INPUT', 'The command line has no clipboard; the secret is printed instead.')
    },
  }
}
