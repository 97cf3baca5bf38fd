/**
 * Show-once: a password is returned exactly once by its ticket and never lands anywhere
 * else. After creating and resetting 100 users with known passwords, none of them (nor
 * any generated db_admin password) appears in the SQLite file, its WAL, the audit rows or
 * the log lines.
 */
import { readFileSync, existsSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LIMITS } from '@shared/domain'
import type { Actor } from '../../electron/core/session'
import { createCredentialsWorld, READER_PASSWORD, type CredentialsWorld } from './support/credentialsWorld'
import { withCode } from './support/appErrors'


describe('show-once', () => {
  let world: CredentialsWorld
  let owner: Actor
  beforeEach(async () => {
    world = await createCredentialsWorld()
    owner = world.actors.orgOwner
  })
  afterEach(() => world.cleanup())

  it('after creating and resetting 100 users, no plaintext is in the database, its WAL, the audit log or the logs', () => {
    const secrets: string[] = [READER_PASSWORD]
    const clusterIds = [world.own.cluster.id, world.other.cluster.id]
    for (let index = 0; index < 100; index++) {
      const clusterId = clusterIds[index % 2]!
      const username = `user_${index}`
      const created = `Known-Create-${index}-Qx`
      const { reveal } = world.clusterUsers.add(owner, { clusterId, username, role: 'read_only', password: { mode: 'typed', password: created } })
      expect(world.reveals.open(owner, reveal.ticketId).password).toBe(created)
      expect(() => world.reveals.open(owner, reveal.ticketId)).toThrow(withCode('REVEAL_CONSUMED'))
      world.reveals.dismiss(owner, reveal.ticketId)
      const reset = `Known-Reset-${index}-Zw`
      const second = world.clusterUsers.resetPassword(owner, { clusterId, username, password: { mode: 'typed', password: reset } })
      expect(world.reveals.open(owner, second.reveal.ticketId).password).toBe(reset)
      world.reveals.dismiss(owner, second.reveal.ticketId)
      secrets.push(created, reset)
    }
    for (const clusterId of clusterIds) {
      const { reveal } = world.clusterUsers.resetPassword(owner, { clusterId, username: 'db_admin', password: { mode: 'generate' } })
      secrets.push(world.reveals.open(owner, reveal.ticketId).password)
      world.reveals.dismiss(owner, reveal.ticketId)
    }
    expect(world.reveals.liveCount).toBe(0)

    const { databasePath } = world.env
    expect(existsSync(`${databasePath}-wal`)).toBe(true)
    const files = () => [readFileSync(databasePath), readFileSync(`${databasePath}-wal`)].map((bytes) => bytes.toString('latin1'))
    const auditText = JSON.stringify(world.env.deps.db.prepare('SELECT * FROM audit_log').all())
    const logText = world.env.logger.lines.join('\n')
    const assertNowhere = (haystacks: string[]) => {
      for (const secret of secrets) for (const haystack of haystacks) expect(haystack.includes(secret), `found ${secret}`).toBe(false)
    }
    assertNowhere([...files(), auditText, logText])
    // And after the WAL is folded into the main file.
    world.env.deps.db.pragma('wal_checkpoint(TRUNCATE)')
    assertNowhere(files())
    // The audit log did record every action.
    const counts = world.env.deps.db.prepare("SELECT action, COUNT(*) AS n FROM audit_log WHERE action IN ('clusterUser.add', 'clusterUser.reset', 'reveal.open') GROUP BY action ORDER BY action").all()
    expect(counts).toEqual([{ action: 'clusterUser.add', n: 102 }, { action: 'clusterUser.reset', n: 102 }, { action: 'reveal.open', n: 302 }])
  })

  it('a second open is refused and says why', () => {
    const { reveal } = world.clusterUsers.resetPassword(owner, { clusterId: world.own.cluster.id, username: 'reader', password: { mode: 'generate' } })
    world.reveals.open(owner, reveal.ticketId)
    expect(() => world.reveals.open(owner, reveal.ticketId)).toThrow(withCode('REVEAL_CONSUMED'))
    const denied = world.env.deps.db.prepare("SELECT error_code, target FROM audit_log WHERE action = 'reveal.open' ORDER BY id DESC LIMIT 1").get()
    expect(denied).toEqual({ error_code: 'REVEAL_CONSUMED', target: 'password reveal' })
  })

  it('tickets expire and their secret is wiped', () => {
    const { reveal } = world.clusterUsers.resetPassword(owner, { clusterId: world.own.cluster.id, username: 'reader', password: { mode: 'generate' } })
    expect(reveal.expiresAt).toBe(world.env.clock() + LIMITS.revealTtlMs)
    world.env.clock.advance(LIMITS.revealTtlMs)
    expect(() => world.reveals.open(owner, reveal.ticketId)).toThrow(withCode('REVEAL_EXPIRED'))
    expect(world.reveals.liveCount).toBe(0)
  })

  it('a ticket belongs to the account that created it', () => {
    const { reveal } = world.clusterUsers.resetPassword(world.actors.projectOwner, { clusterId: world.own.cluster.id, username: 'reader', password: { mode: 'generate' } })
    expect(() => world.reveals.open(owner, reveal.ticketId)).toThrow(withCode('NOT_FOUND'))
    world.reveals.dismiss(owner, reveal.ticketId)
    expect(world.reveals.open(world.actors.projectOwner, reveal.ticketId).username).toBe('reader')
  })

  it('dismissing wipes the secret; opening afterwards is refused', () => {
    const bytes = new TextEncoder().encode('Dismissed-Pass-1')
    const ticket = world.reveals.issue(owner, { clusterId: 'c', clusterName: 'n', endpoint: 'e', username: 'u', password: bytes })
    world.reveals.dismiss(owner, ticket.ticketId)
    expect(bytes.every((byte) => byte === 0)).toBe(true)
    expect(() => world.reveals.open(owner, ticket.ticketId)).toThrow(withCode('REVEAL_CONSUMED'))
  })

  it('every ticket dies, wiped, when the session ends', () => {
    const held = [0, 1, 2].map((index) => new TextEncoder().encode(`Session-Pass-${index}`))
    const tickets = held.map((password) => world.reveals.issue(owner, { clusterId: 'c', clusterName: 'n', endpoint: 'e', username: 'u', password }))
    world.env.deps.session.end()
    expect(world.reveals.liveCount).toBe(0)
    for (const bytes of held) expect(bytes.every((byte) => byte === 0)).toBe(true)
    for (const ticket of tickets) expect(() => world.reveals.open(owner, ticket.ticketId)).toThrow(withCode('NOT_FOUND'))
  })

  it('a failed add or reset leaves no ticket behind', () => {
    expect(() => world.clusterUsers.add(owner, { clusterId: world.own.cluster.id, username: 'reader', role: 'read_only', password: { mode: 'generate' } })).toThrow(withCode('ALREADY_EXISTS'))
    expect(() => world.clusterUsers.resetPassword(owner, { clusterId: world.own.cluster.id, username: 'reader', password: { mode: 'typed', password: READER_PASSWORD } })).toThrow(withCode('SAME_PASSWORD'))
    expect(world.reveals.liveCount).toBe(0)
  })
})
