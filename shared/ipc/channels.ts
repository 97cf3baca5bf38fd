/**
 * The names of every IPC channel and who may call it, with no schemas and no zod: this is
 * all the sandboxed preload needs to build `window.api`, so its bundle stays small. The
 * contract (./contract.ts) must have exactly these channels with these `auth` values; the
 * type checker enforces that (its `satisfies` clause) and test/unit/ipc-channels.test.ts
 * checks it at run time. Add a channel here and in the contract together.
 *
 * `public` channels run without a session (first run, sign-in); every other channel
 * requires a signed-in account and gets UNAUTHENTICATED without one.
 */

export type ChannelAuth = 'public' | 'session'

export const CHANNEL_AUTH = {
  // --- app, workspace, session (foundation) ---
  'app.status': 'public',
  'workspace.create': 'public',
  'accounts.listForSignIn': 'public',
  'session.signIn': 'public',
  'session.signOut': 'session',
  'session.lock': 'public',
  'session.activity': 'session',
  'session.changePassphrase': 'session',

  // --- members and roles (account users) ---
  'members.list': 'session',
  'members.add': 'session',
  'members.update': 'session',
  'members.remove': 'session',
  'members.reissueEnrollment': 'session',
  'enrollment.redeem': 'public',

  // --- projects and clusters ---
  'projects.list': 'session',
  'projects.create': 'session',
  'clusters.list': 'session',
  'clusters.get': 'session',
  'clusters.create': 'session',

  // --- cluster users (the seed's sections) ---
  'clusterUsers.list': 'session',
  'clusterUsers.add': 'session',
  'clusterUsers.resetPassword': 'session',
  'clusterUsers.drop': 'session',
  'clusterUsers.changeRole': 'session',
  'clusterUsers.verifyCredential': 'session',

  // --- show-once ---
  'reveal.open': 'session',
  'reveal.dismiss': 'session',

  // --- handoff: contacts ---
  'contacts.myCard': 'session',
  'contacts.list': 'session',
  'contacts.importCard': 'session',
  'contacts.addExternal': 'session',
  'contacts.setVerified': 'session',
  'contacts.remove': 'session',

  // --- handoff: sending and receiving ---
  'handoff.send': 'session',
  'handoff.inbox': 'session',
  'handoff.outbox': 'session',
  'handoff.revoke': 'session',
  'handoff.openInbox': 'session',
  'handoff.openFile': 'session',
  'handoff.renderQr': 'session',
  'handoff.scannerOpen': 'session',
  'handoff.scannerClose': 'public',

  // --- clipboard (main owns it so it can clear only what it copied) ---
  'clipboard.copySecret': 'session',

  // --- vault (personal: every channel acts on the signed-in account's own entries only) ---
  'vault.list': 'session',
  'vault.get': 'session',
  'vault.revealPassword': 'session',
  'vault.copyPassword': 'session',
  'vault.revealNotes': 'session',
  'vault.add': 'session',
  'vault.update': 'session',
  'vault.remove': 'session',
  'vault.keepFromReveal': 'session',
  'vault.connectSnippets': 'session',
  'vault.copySnippet': 'session',
  'vault.exportBackup': 'session',
  'vault.previewImport': 'session',
  'vault.applyImport': 'session',
  'vault.cancelImport': 'session',

  // --- settings (per account) ---
  'settings.get': 'session',
  'settings.update': 'session',

  // --- audit ---
  'audit.list': 'session',
  'audit.exportCsv': 'session',
  'audit.verify': 'session',
} as const satisfies Record<string, ChannelAuth>

export type Channel = keyof typeof CHANNEL_AUTH

export const CHANNELS = Object.freeze(Object.keys(CHANNEL_AUTH)) as readonly Channel[]

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CHANNEL_AUTH, value)
}

/** Prefix for Electron IPC channel names, so nothing else on ipcMain can be reached. */
export const IPC_PREFIX = 'cc:'
