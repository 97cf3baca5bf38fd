/**
 * Encrypted backups in the age format: what the app exports opens with Debian's `age -d`,
 * what `age -p` encrypts imports, and a wrong passphrase, a truncated or an altered file
 * each get a clear typed error with nothing imported. Import previews added / updated /
 * skipped and writes only when applied. `age` reads passphrases from a terminal only:
 * `script` gives it one (the passphrase goes in on stdin). CI installs the `age` package.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OWNER_PASSPHRASE } from '../../electron/core/testing/fixtures'
import { createVaultWorld, type VaultWorld } from './support/vaultWorld'

const BACKUP_PASSPHRASE = 'backup passphrase long'
const B_PASSPHRASE = 'bea owns the org too, long passphrase'

/** Runs `age` with a pseudo-terminal, typing `passphrase` (twice when encrypting). */
function ageWithTerminal(args: string, passphrase: string, times: 1 | 2): void {
  execFileSync('script', ['-qec', `age ${args}`, '/dev/null'], {
    input: `${passphrase}\n`.repeat(times),
    stdio: ['pipe', 'ignore', 'pipe'],
    timeout: 60_000,
  })
}

const asBase64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64')

describe('vault backup (age)', () => {
  let world: VaultWorld
  beforeEach(async () => {
    world = await createVaultWorld()
  })
  afterEach(() => world.cleanup())

  async function addEntries() {
    const first = await world.call('vault.add', {
      title: 'Alpha',
      clusterId: null,
      endpoint: 'https://alpha.example',
      username: 'alice',
      password: 'Alpha-Secret-1',
      notes: 'first notes',
      tags: ['prod'],
    })
    await world.call('vault.update', { entryId: first.id, password: 'Alpha-Secret-2' })
    await world.call('vault.add', {
      title: 'Beta',
      clusterId: world.clusterId,
      endpoint: '',
      username: 'reader',
      password: 'Reader-Pass-1x',
      notes: '',
      tags: [],
    })
    return first
  }

  it('exports one armored age file that Debian age -d opens to the same entries', async () => {
    await addEntries()
    const exported = await world.call('vault.exportBackup', { passphrase: BACKUP_PASSPHRASE })
    expect(exported.armored.startsWith('-----BEGIN AGE ENCRYPTED FILE-----')).toBe(true)
    expect(exported.fileName).toMatch(/^vault-backup-\d{4}-\d{2}-\d{2}\.age$/)
    const file = join(world.dataDir, exported.fileName)
    const out = join(world.dataDir, 'recovered.json')
    writeFileSync(file, exported.armored)
    ageWithTerminal(`-d -o ${out} ${file}`, BACKUP_PASSPHRASE, 1)
    const recovered = JSON.parse(readFileSync(out, 'utf8')) as {
      format: string
      entries: Array<{ title: string; password: string; notes: string; history: Array<{ password: string }>; clusterName: string | null }>
    }
    expect(recovered.format).toBe('cluster-credentials/vault-backup')
    expect(
      recovered.entries.map((entry) => [
        entry.title,
        entry.password,
        entry.notes,
        entry.history.map((item) => item.password),
        entry.clusterName,
      ]),
    ).toEqual([
      ['Alpha', 'Alpha-Secret-2', 'first notes', ['Alpha-Secret-1'], null],
      ['Beta', 'Reader-Pass-1x', '', [], 'orders-prod'],
    ])
    expect(world.raw().prepare("SELECT target FROM audit_log WHERE action = 'vault.export'").get()).toEqual({
      target: 'vault backup of 2 entries',
    })
  })

  it('imports a file encrypted by age -p into another account: preview first, then apply', async () => {
    await addEntries()
    const exported = await world.call('vault.exportBackup', { passphrase: BACKUP_PASSPHRASE })
    const armoredPath = join(world.dataDir, 'a.age')
    const plainPath = join(world.dataDir, 'plain.json')
    const cliPath = join(world.dataDir, 'cli.age')
    writeFileSync(armoredPath, exported.armored)
    ageWithTerminal(`-d -o ${plainPath} ${armoredPath}`, BACKUP_PASSPHRASE, 1)
    ageWithTerminal(`-p -o ${cliPath} ${plainPath}`, 'cli chosen passphrase', 2)
    const cliFile = readFileSync(cliPath)
    expect(cliFile.subarray(0, 21).toString()).toBe('age-encryption.org/v1')

    await world.addAccount('Bea Owner', 'owner', B_PASSPHRASE)
    const preview = await world.call('vault.previewImport', { fileBase64: asBase64(cliFile), passphrase: 'cli chosen passphrase' })
    expect(preview).toMatchObject({ added: 2, updated: 0, skipped: 0 })
    expect(preview.items.map((item) => [item.title, item.action])).toEqual([
      ['Alpha', 'add'],
      ['Beta', 'add'],
    ])
    // Nothing is written by a preview.
    expect((await world.call('vault.list', {})).total).toBe(0)
    expect(await world.call('vault.applyImport', { importId: preview.importId })).toEqual({ added: 2, updated: 0, skipped: 0 })
    const listed = await world.call('vault.list', {})
    expect(listed.entries.map((entry) => entry.title)).toEqual(['Alpha', 'Beta'])
    const details = await Promise.all(listed.entries.map((entry) => world.call('vault.get', { entryId: entry.id })))
    expect(details.map((entry) => entry.origin)).toEqual(['imported', 'imported'])
    // The earlier password's date came with the backup and is listed without decrypting.
    expect(details[0]!.history).toEqual([{ index: 1, replacedAt: expect.any(Number) }])
    const alpha = listed.entries[0]!
    expect((await world.call('vault.revealPassword', { entryId: alpha.id })).password).toBe('Alpha-Secret-2')
    expect((await world.call('vault.revealPassword', { entryId: alpha.id, historyIndex: 1 })).password).toBe('Alpha-Secret-1')
    // A plan is used once.
    expect(await world.refusal('vault.applyImport', { importId: preview.importId })).toBe('NOT_FOUND')
    // age -p always uses scrypt 2^18 (256 MiB), derived twice by the CLI and once by the app:
    // seconds of CPU by design, so this one test gets room for a loaded machine.
  }, 120_000)

  it('wrong passphrase, truncated or altered file: a clear error and nothing imported', async () => {
    await addEntries()
    const exported = await world.call('vault.exportBackup', { passphrase: BACKUP_PASSPHRASE })
    const binary = Buffer.from(exported.armored.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')
    await world.addAccount('Bea Owner', 'owner', B_PASSPHRASE)
    const before = world.raw().prepare('SELECT COUNT(*) AS n FROM vault_entries').get()

    expect(await world.refusal('vault.previewImport', { fileBase64: asBase64(exported.armored), passphrase: 'not the passphrase' })).toBe(
      'BACKUP_WRONG_PASSPHRASE',
    )
    expect(
      await world.refusal('vault.previewImport', {
        fileBase64: asBase64(binary.subarray(0, binary.length - 20)),
        passphrase: BACKUP_PASSPHRASE,
      }),
    ).toBe('BACKUP_INVALID')
    expect(
      await world.refusal('vault.previewImport', {
        fileBase64: asBase64(exported.armored.slice(0, exported.armored.length / 2)),
        passphrase: BACKUP_PASSPHRASE,
      }),
    ).toBe('BACKUP_INVALID')
    for (const offset of [binary.length - 5, binary.length - 40, 60, 120]) {
      const altered = Buffer.from(binary)
      altered[offset] = altered[offset]! ^ 0x01
      const code = await world.refusal('vault.previewImport', { fileBase64: asBase64(altered), passphrase: BACKUP_PASSPHRASE })
      expect(['BACKUP_INVALID', 'BACKUP_WRONG_PASSPHRASE'], `offset ${offset}`).toContain(code)
    }
    expect(await world.refusal('vault.previewImport', { fileBase64: asBase64('just some text'), passphrase: BACKUP_PASSPHRASE })).toBe(
      'BACKUP_INVALID',
    )
    expect(world.raw().prepare('SELECT COUNT(*) AS n FROM vault_entries').get()).toEqual(before)
    expect(world.core.backups.pendingCount).toBe(0)
    const denied = world
      .raw()
      .prepare<[], { error_code: string }>("SELECT error_code FROM audit_log WHERE action = 'vault.import' AND outcome = 'denied'")
      .all()
    expect(denied.length).toBeGreaterThanOrEqual(4)
  })

  it('entries whose titles differ only in case each match their own copy: a second import adds nothing', async () => {
    for (const title of ['Orders', 'orders']) {
      await world.call('vault.add', {
        title,
        clusterId: null,
        endpoint: 'https://orders.example',
        username: 'svc',
        password: `${title}-Secret-1`,
        notes: '',
        tags: [],
      })
    }
    const backup = await world.call('vault.exportBackup', { passphrase: BACKUP_PASSPHRASE })
    await world.addAccount('Bea Owner', 'owner', B_PASSPHRASE)
    const fileBase64 = asBase64(backup.armored)
    const first = await world.call('vault.previewImport', { fileBase64, passphrase: BACKUP_PASSPHRASE })
    expect(await world.call('vault.applyImport', { importId: first.importId })).toEqual({ added: 2, updated: 0, skipped: 0 })
    // Into the same account again: new ids there, so entries match by endpoint, username and title.
    const again = await world.call('vault.previewImport', { fileBase64, passphrase: BACKUP_PASSPHRASE })
    expect(again.items.map((item) => [item.title, item.action]).sort()).toEqual([
      ['Orders', 'skip'],
      ['orders', 'skip'],
    ])
    expect((await world.call('vault.list', {})).total).toBe(2)
  })

  it('a newer backup copy is previewed as an update, an identical one is skipped, never a silent overwrite', async () => {
    const alpha = await addEntries()
    const first = await world.call('vault.exportBackup', { passphrase: BACKUP_PASSPHRASE })
    // Re-importing into the same account: everything identical → skipped.
    const same = await world.call('vault.previewImport', { fileBase64: asBase64(first.armored), passphrase: BACKUP_PASSPHRASE })
    expect(same).toMatchObject({ added: 0, updated: 0, skipped: 2 })
    await world.call('vault.cancelImport', { importId: same.importId })

    const bId = await world.addAccount('Bea Owner', 'owner', B_PASSPHRASE)
    world.clock.advance(1000)
    const intoB = await world.call('vault.previewImport', { fileBase64: asBase64(first.armored), passphrase: BACKUP_PASSPHRASE })
    await world.call('vault.applyImport', { importId: intoB.importId })

    // A edits later and exports again.
    await world.call('session.signOut', {})
    await world.signIn(world.ownerId, OWNER_PASSPHRASE)
    world.clock.advance(1000)
    await world.call('vault.update', { entryId: alpha.id, password: 'Alpha-Secret-3' })
    await world.call('vault.add', {
      title: 'Gamma',
      clusterId: null,
      endpoint: 'https://g.example',
      username: 'gus',
      password: 'Gamma-Secret-1',
      notes: '',
      tags: [],
    })
    const second = await world.call('vault.exportBackup', { passphrase: BACKUP_PASSPHRASE })

    await world.call('session.signOut', {})
    await world.signIn(bId, B_PASSPHRASE)
    const preview = await world.call('vault.previewImport', { fileBase64: asBase64(second.armored), passphrase: BACKUP_PASSPHRASE })
    expect(preview.items.map((item) => [item.title, item.action])).toEqual([
      ['Alpha', 'update'],
      ['Beta', 'skip'],
      ['Gamma', 'add'],
    ])
    expect(await world.call('vault.applyImport', { importId: preview.importId })).toEqual({ added: 1, updated: 1, skipped: 1 })
    const bAlpha = (await world.call('vault.list', { query: 'alpha' })).entries[0]!
    expect((await world.call('vault.revealPassword', { entryId: bAlpha.id })).password).toBe('Alpha-Secret-3')
    // The password it replaced is kept in history.
    expect((await world.call('vault.revealPassword', { entryId: bAlpha.id, historyIndex: 1 })).password).toBe('Alpha-Secret-2')

    // An entry edited between preview and apply is left alone (the person did not see that change).
    const again = await world.call('vault.previewImport', { fileBase64: asBase64(first.armored), passphrase: BACKUP_PASSPHRASE })
    expect(again.updated).toBe(0)
  })
})
