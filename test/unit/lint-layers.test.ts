/**
 * The layer arrows are only real if the lint rules fire. Each case lints a one-line file
 * at a path in the given layer with the repository's own eslint.config.js.
 */
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message)
}

describe('layer rules', () => {
  it.each([
    ['shared/x.ts', "import { readFileSync } from 'node:fs'\nexport const a = readFileSync"],
    ['shared/x.ts', "import fs from 'fs'\nexport const a = fs"],
    ['shared/x.ts', "import { app } from 'electron'\nexport const a = app"],
    ['shared/x.ts', "import { ref } from 'vue'\nexport const a = ref"],
    ['shared/ipc/x.ts', "import { createCore } from '../../electron/core/core'\nexport const a = createCore"],
    ['shared/x.ts', "import { api } from '../renderer/src/api'\nexport const a = api"],
    ['electron/core/x.ts', "import { app } from 'electron'\nexport const a = app"],
    ['electron/core/accounts/x.ts', "import { handlers } from '../../main/ipc/handlers/index'\nexport const a = handlers"],
    ['electron/core/x.ts', "import { api } from '../../renderer/src/api'\nexport const a = api"],
    ['electron/main/ipc/x.ts', "import { ipcMain } from 'electron'\nexport const a = ipcMain"],
    ['electron/main/ipc/handlers/x.ts', "import { clipboard } from 'electron'\nexport const a = clipboard"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer"],
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs'\nexport const a = readFileSync"],
    ['renderer/src/views/x.ts', "import { contract } from '../../../shared/ipc/contract'\nexport const a = contract"],
    ['renderer/src/x.ts', "import { createCore } from '../../electron/core/core'\nexport const a = createCore"],
    ['electron/preload/x.ts', "import { readFileSync } from 'node:fs'\nexport const a = readFileSync"],
    ['electron/preload/x.ts', "import { createCore } from '../core/core'\nexport const a = createCore"],
    ['electron/cli/x.ts', "import { app } from 'electron'\nexport const a = app"],
    ['electron/cli/x.ts', "import { createMainWindow } from '../main/window'\nexport const a = createMainWindow"],
  ])('%s refuses: %s', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).toContain('no-restricted-imports')
  })

  it.each([
    ['shared/x.ts', "import { z } from 'zod'\nimport { LIMITS } from './domain'\nexport const a = [z, LIMITS]"],
    ['electron/core/x.ts', "import { join } from 'node:path'\nimport { AppError } from '@shared/errors'\nexport const a = [join, AppError]"],
    ['electron/main/x.ts', "import { app } from 'electron'\nexport const a = app"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron'\nimport { IPC_PREFIX } from '@shared/ipc/channels'\nexport const a = [contextBridge, IPC_PREFIX]"],
    ['electron/cli/x.ts', "import { createLocalDispatcher } from '../main/ipc/dispatch'\nimport { resolveDataDir } from '../main/dataDir'\nimport { createCore } from '../core/core'\nexport const a = [createLocalDispatcher, resolveDataDir, createCore]"],
    ['renderer/src/x.ts', "import { ref } from 'vue'\nimport { api } from './api'\nimport type { Cluster } from '@shared/ipc/contract'\nexport const a: [typeof ref, typeof api, Cluster | null] = [ref, api, null]"],
    ['renderer/src/x.test.ts', "import { it } from 'vitest'\nimport { mount } from '@vue/test-utils'\nexport const a = [it, mount]"],
  ])('%s allows: %s', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).not.toContain('no-restricted-imports')
  })

  it('bans console and Math.random in electron/, Math.random in shared/', async () => {
    expect(await ruleIdsFor('electron/main/x.ts', "console.log('x')\n")).toContain('no-console')
    expect(await ruleIdsFor('electron/core/x.ts', 'export const a = Math.random()\n')).toContain('no-restricted-properties')
    expect(await ruleIdsFor('shared/x.ts', 'export const a = Math.random()\n')).toContain('no-restricted-properties')
  })

  it('bans shell.openExternal in electron/', async () => {
    const code = "import { shell } from 'electron'\nvoid shell.openExternal('https://example.com')\n"
    expect(await ruleIdsFor('electron/main/x.ts', code)).toContain('no-restricted-properties')
  })

  it('bans DOM and Node globals in shared/', async () => {
    expect(await ruleIdsFor('shared/x.ts', 'export const a = window.location\n')).toContain('no-restricted-globals')
    expect(await ruleIdsFor('shared/x.ts', 'export const a = process.env\n')).toContain('no-restricted-globals')
  })
})
