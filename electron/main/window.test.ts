/**
 * The security-relevant webPreferences must be literals in the `new BrowserWindow({...})`
 * call, where a reviewer sees them at a glance — not computed, not spread from elsewhere.
 * Electron's API has no getter for them, so this reads the source.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const source = readFileSync(join(import.meta.dirname, 'window.ts'), 'utf8')
const constructorCall = source.slice(source.indexOf('new BrowserWindow({'), source.indexOf('\n  })', source.indexOf('new BrowserWindow({')))

describe('main window webPreferences', () => {
  it.each(['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true', 'webviewTag: false'])(
    'has the literal %s inside new BrowserWindow({...})',
    (literal) => {
      expect(constructorCall).toContain('webPreferences: {')
      expect(constructorCall).toContain(`${literal},`)
    },
  )

  it('spreads nothing into the options', () => {
    expect(constructorCall).not.toContain('...')
  })
})
