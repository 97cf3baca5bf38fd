import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LIMITS } from '@shared/domain'
import { PASSWORD_MESSAGES, USERNAME_MESSAGES, checkClusterPassword } from '@shared/policy/clusterUser'
import {
  createCredentialsWorld,
  READER_PASSWORD,
  snapshotBusinessTables,
  type CredentialsWorld,
} from '../../../test/unit/support/credentialsWorld'
import { withCode } from '../../../test/unit/support/appErrors'

describe('cluster users', () => {
  let world: CredentialsWorld
  let clusterId: string
  beforeEach(async () => {
    world = await createCredentialsWorld()
    clusterId = world.own.cluster.id
  })
  afterEach(() => world.cleanup())
  const owner = () => world.actors.orgOwner

  it('adds a user with a generated password shown once, and records who and when', () => {
    world.env.clock.advance(5_000)
    const { user, reveal } = world.clusterUsers.add(owner(), {
      clusterId,
      username: 'writer_1',
      role: 'read_write',
      password: { mode: 'generate' },
    })
    expect(user).toMatchObject({
      username: 'writer_1',
      role: 'read_write',
      isDefaultAdmin: false,
      createdBy: 'Ada Owner',
      passwordResetAt: null,
    })
    const opened = world.reveals.open(owner(), reveal.ticketId)
    expect(opened).toMatchObject({ clusterId, clusterName: 'orders-prod', username: 'writer_1' })
    expect(checkClusterPassword(opened.password)).toBeNull()
    expect(opened.password).toHaveLength(20)
    expect(world.clusterUsers.verifyCredential(owner(), { clusterId, username: 'writer_1', password: opened.password })).toEqual({
      valid: true,
      role: 'read_write',
    })
    expect(() => world.reveals.open(owner(), reveal.ticketId)).toThrow(withCode('REVEAL_CONSUMED'))
  })

  it('refuses bad names and passwords with the shared policy messages and changes nothing', () => {
    const before = snapshotBusinessTables(world)
    expect(() =>
      world.clusterUsers.add(owner(), { clusterId, username: '9lives', role: 'read_only', password: { mode: 'generate' } }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: USERNAME_MESSAGES.firstCharacter, field: 'username' }))
    expect(() =>
      world.clusterUsers.add(owner(), {
        clusterId,
        username: 'ok_name',
        role: 'read_only',
        password: { mode: 'typed', password: 'alllowercase' },
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: PASSWORD_MESSAGES.classes, field: 'password' }))
    expect(snapshotBusinessTables(world)).toBe(before)
    expect(world.reveals.liveCount).toBe(0)
  })

  it('refuses a duplicate name, also differing only in case', () => {
    expect(() =>
      world.clusterUsers.add(owner(), { clusterId, username: 'reader', role: 'read_only', password: { mode: 'generate' } }),
    ).toThrow(withCode('ALREADY_EXISTS'))
    expect(() =>
      world.clusterUsers.add(owner(), { clusterId, username: 'READER', role: 'read_only', password: { mode: 'generate' } }),
    ).toThrow(withCode('ALREADY_EXISTS'))
  })

  it('allows 100 users per cluster, db_admin included, and refuses the 101st', () => {
    const existing = world.clusterUsers.list(owner(), clusterId).length
    for (let index = existing; index < LIMITS.clusterUsersPerCluster; index++) {
      const { reveal } = world.clusterUsers.add(owner(), {
        clusterId,
        username: `user_${index}`,
        role: 'read_only',
        password: { mode: 'generate' },
      })
      world.reveals.dismiss(owner(), reveal.ticketId)
    }
    expect(world.clusterUsers.list(owner(), clusterId)).toHaveLength(100)
    const before = snapshotBusinessTables(world)
    expect(() =>
      world.clusterUsers.add(owner(), { clusterId, username: 'one_too_many', role: 'read_only', password: { mode: 'generate' } }),
    ).toThrow(withCode('LIMIT_REACHED'))
    expect(snapshotBusinessTables(world)).toBe(before)
  })

  it('resets a password: must differ from the current one, records when and by whom', () => {
    expect(() =>
      world.clusterUsers.resetPassword(owner(), { clusterId, username: 'reader', password: { mode: 'typed', password: READER_PASSWORD } }),
    ).toThrow(expect.objectContaining({ code: 'SAME_PASSWORD', field: 'password' }))
    world.env.clock.advance(60_000)
    const { reveal } = world.clusterUsers.resetPassword(world.actors.projectOwner, {
      clusterId,
      username: 'reader',
      password: { mode: 'typed', password: 'Fresh-Pass-42' },
    })
    expect(world.reveals.open(world.actors.projectOwner, reveal.ticketId).password).toBe('Fresh-Pass-42')
    const reader = world.clusterUsers.list(owner(), clusterId).find((user) => user.username === 'reader')!
    expect(reader).toMatchObject({ passwordResetAt: world.env.clock(), passwordResetBy: 'Pia Project Owner' })
    expect(world.clusterUsers.verifyCredential(owner(), { clusterId, username: 'reader', password: READER_PASSWORD }).valid).toBe(false)
    expect(world.clusterUsers.verifyCredential(owner(), { clusterId, username: 'reader', password: 'Fresh-Pass-42' }).valid).toBe(true)
  })

  it('resets db_admin (allowed: it keeps its name and role)', () => {
    const { reveal } = world.clusterUsers.resetPassword(owner(), { clusterId, username: 'db_admin', password: { mode: 'generate' } })
    const { password } = world.reveals.open(owner(), reveal.ticketId)
    expect(world.clusterUsers.verifyCredential(owner(), { clusterId, username: 'db_admin', password })).toEqual({
      valid: true,
      role: 'admin',
    })
  })

  it('drops only when the typed confirmation matches exactly', () => {
    expect(() => world.clusterUsers.drop(owner(), { clusterId, username: 'reader', confirmUsername: 'Reader' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'confirmUsername' }),
    )
    world.clusterUsers.drop(owner(), { clusterId, username: 'reader', confirmUsername: 'reader' })
    expect(world.clusterUsers.list(owner(), clusterId).map((user) => user.username)).toEqual(['db_admin'])
    expect(() => world.clusterUsers.drop(owner(), { clusterId, username: 'reader', confirmUsername: 'reader' })).toThrow(
      withCode('NOT_FOUND'),
    )
  })

  it('changes a role', () => {
    expect(world.clusterUsers.changeRole(owner(), { clusterId, username: 'reader', role: 'admin' }).role).toBe('admin')
  })

  it('verifies credentials without telling unknown users from wrong passwords', () => {
    expect(world.clusterUsers.verifyCredential(owner(), { clusterId, username: 'reader', password: READER_PASSWORD })).toEqual({
      valid: true,
      role: 'read_only',
    })
    expect(world.clusterUsers.verifyCredential(owner(), { clusterId, username: 'reader', password: 'Wrong-Pass-1' })).toEqual({
      valid: false,
      role: null,
    })
    expect(world.clusterUsers.verifyCredential(owner(), { clusterId, username: 'ghost', password: READER_PASSWORD })).toEqual({
      valid: false,
      role: null,
    })
    // The same credential is not valid on another cluster.
    expect(
      world.clusterUsers.verifyCredential(owner(), { clusterId: world.other.cluster.id, username: 'reader', password: READER_PASSWORD })
        .valid,
    ).toBe(true)
    expect(
      world.clusterUsers.verifyCredential(owner(), { clusterId: world.other.cluster.id, username: 'reader', password: 'Other-Pass-1' })
        .valid,
    ).toBe(false)
  })

  it('stores only Argon2id hashes', () => {
    const hashes = world.env.deps.db.prepare<[], { password_hash: string }>('SELECT password_hash FROM cluster_users').all()
    for (const { password_hash } of hashes) expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=1\$/)
  })

  it('unknown clusters are NOT_FOUND', () => {
    expect(() => world.clusterUsers.list(owner(), 'cls_missing')).toThrow(withCode('NOT_FOUND'))
  })
})

describe('clusters', () => {
  let world: CredentialsWorld
  beforeEach(async () => {
    world = await createCredentialsWorld()
  })
  afterEach(() => world.cleanup())

  it('creates a cluster with db_admin (admin) and a typed password shown once', () => {
    const { cluster, reveal } = world.clusters.create(world.actors.projectOwner, {
      projectId: world.own.project.id,
      name: 'Search Staging',
      endpoint: ' https://in01-abc.gcp-eu.vectordb.example:19530/ ',
      dbAdminPassword: { mode: 'typed', password: 'Admin-Pass-77' },
    })
    expect(cluster).toMatchObject({
      name: 'Search Staging',
      endpoint: 'https://in01-abc.gcp-eu.vectordb.example:19530',
      userCount: 1,
      canManageUsers: true,
      createdBy: 'Pia Project Owner',
      projectName: 'Orders',
    })
    expect(world.reveals.open(world.actors.projectOwner, reveal.ticketId)).toMatchObject({
      username: 'db_admin',
      password: 'Admin-Pass-77',
    })
    expect(world.clusterUsers.list(world.actors.projectOwner, cluster.id)).toEqual([
      expect.objectContaining({ username: 'db_admin', role: 'admin', isDefaultAdmin: true }),
    ])
  })

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'bad/name' }, 'name'],
    [{ name: 'x'.repeat(65) }, 'name'],
    [{ endpoint: 'ftp://host:21' }, 'endpoint'],
    [{ endpoint: 'not a url' }, 'endpoint'],
    [{ endpoint: 'https://user:secret@host:19530' }, 'endpoint'],
    [{ endpoint: 'https://host:19530/path?q=1' }, 'endpoint'],
    [{ dbAdminPassword: { mode: 'typed' as const, password: 'short' } }, 'dbAdminPassword'],
    [{ dbAdminPassword: { mode: 'generate' as const, length: 7 } }, 'dbAdminPassword'],
    [{ dbAdminPassword: { mode: 'generate' as const, length: 65 } }, 'dbAdminPassword'],
  ])('refuses %j naming field %s, changing nothing', (override, field) => {
    const before = snapshotBusinessTables(world)
    expect(() =>
      world.clusters.create(world.actors.orgOwner, {
        projectId: world.own.project.id,
        name: 'fine-name',
        endpoint: 'https://host.example:19530',
        dbAdminPassword: { mode: 'generate' },
        ...override,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field }))
    expect(snapshotBusinessTables(world)).toBe(before)
  })

  it('refuses a duplicate cluster name in the same project but allows it in another', () => {
    const input = { name: 'ORDERS-PROD', endpoint: 'https://h.example:1', dbAdminPassword: { mode: 'generate' as const } }
    expect(() => world.clusters.create(world.actors.orgOwner, { projectId: world.own.project.id, ...input })).toThrow(
      withCode('ALREADY_EXISTS'),
    )
    expect(world.clusters.create(world.actors.orgOwner, { projectId: world.other.project.id, ...input }).cluster.name).toBe('ORDERS-PROD')
  })

  it('lists only clusters of visible projects, with canManageUsers by role', () => {
    expect(world.clusters.list(world.actors.orgOwner).map((c) => [c.name, c.canManageUsers])).toEqual([
      ['billing-prod', true],
      ['orders-prod', true],
    ])
    expect(world.clusters.list(world.actors.projectReadOnly).map((c) => [c.name, c.canManageUsers])).toEqual([['orders-prod', false]])
    expect(() => world.clusters.list(world.actors.projectReadOnly, world.other.project.id)).toThrow(withCode('NOT_FOUND'))
    expect(world.clusters.list(world.actors.orgOwner, world.other.project.id).map((c) => c.name)).toEqual(['billing-prod'])
    expect(() => world.clusters.list(world.actors.orgOwner, 'prj_missing')).toThrow(withCode('NOT_FOUND'))
  })

  it('projects: unique names, listed with my role', () => {
    expect(() => world.projects.create(world.actors.orgOwner, { name: 'orders' })).toThrow(withCode('ALREADY_EXISTS'))
    expect(() => world.projects.create(world.actors.orgOwner, { name: '   ' })).toThrow(withCode('INVALID_INPUT'))
    expect(world.projects.list(world.actors.projectReadWrite).map((p) => [p.name, p.myRole, p.clusterCount])).toEqual([
      ['Orders', 'read_write', 1],
    ])
    expect(world.projects.list(world.actors.orgOwner).map((p) => p.myRole)).toEqual(['owner', 'owner'])
  })
})
