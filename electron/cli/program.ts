/**
 * `cluster-credentials` / `ccred`: the command line on the app's own contract,
 * dispatcher and handler table. Each command signs in by email, does one thing through the
 * same channels the window uses, and signs out. README "Command line" documents the
 * commands, the exit codes and the JSON shapes; keep them in step with this file.
 */
import { writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { CLUSTER_ROLES, DB_ADMIN_USERNAME, ORG_ROLES, PROJECT_ROLES, type ProjectRole } from '@shared/domain'
import { AppError, isAppError } from '@shared/errors'
import type { AuditFilter } from '@shared/ipc/contract'
import { AUDIT_ACTIONS, type AuditAction } from '@shared/audit/actions'
import { DATA_DIR_ENV, DATA_DIR_SWITCH, resolveDataDir } from '../main/dataDir'
import {
  addKeepOptions,
  addPasswordOptions,
  assertKeepChoice,
  fileDescriptor,
  mayPrintSecret,
  notPrinted,
  passwordChoice,
  positiveInteger,
  resolveAccountId,
  resolveCluster,
  resolveProjectId,
  settleReveal,
  withExamples,
  type GlobalOptions,
  type KeepOptions,
  type PasswordOptions,
  type Run,
  type Work,
} from './common'
import { EXIT, EXIT_CODE_FOR_ERROR } from './exitCodes'
import { registerHandoffCommands } from './handoffCommands'
import { createOutput, formatTime, type Output } from './output'
import { PromptInterrupted, readSecret, type SecretSource } from './secretInput'
import { registerVaultCommands } from './vaultCommands'
import type { Call, CliRuntime } from './types'
import { withSignedInWorkspace } from './workspace'

export const EMAIL_ENV = 'CC_EMAIL'

const SHOWN_ONCE_CODE =
  'Shown only once: the code will not be displayed again. It works once; the new member chooses ' +
  '"I have an enrollment code" on the sign-in screen.'

/** The platform's per-user app data folder, where Electron keeps the app's workspace. */
function defaultDataDir(): string {
  const appName = 'cluster-credentials'
  if (process.platform === 'win32') return join(process.env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), appName)
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName)
  return join(process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), appName)
}

function projectRoleAssignment(value: string, previous: Array<{ project: string; role: ProjectRole }> = []) {
  const separator = value.lastIndexOf('=')
  const role = value.slice(separator + 1)
  if (separator <= 0 || !(PROJECT_ROLES as readonly string[]).includes(role)) {
    throw new InvalidArgumentError(`Expected <project>=<role> with role one of ${PROJECT_ROLES.join(', ')}.`)
  }
  return [...previous, { project: value.slice(0, separator), role: role as ProjectRole }]
}

function passphraseSource(options: GlobalOptions): SecretSource {
  if (options.passphraseFd !== undefined && options.passphraseFile !== undefined) {
    throw new AppError('INVALID_INPUT', 'Give either --passphrase-fd or --passphrase-file, not both.')
  }
  if (options.passphraseFd !== undefined) return { kind: 'fd', fd: options.passphraseFd }
  if (options.passphraseFile !== undefined) return { kind: 'file', path: options.passphraseFile }
  return { kind: 'prompt', prompt: 'Passphrase (typing is hidden): ' }
}

function settleEnrollment(out: Output, options: GlobalOptions, enrollment: { code: string; expiresAt: number }) {
  if (!mayPrintSecret(out, options)) {
    if (!out.json) process.stderr.write(`${notPrinted(false)}\n`)
    return { expiresAt: enrollment.expiresAt, codeShown: false as const }
  }
  if (!out.json) {
    out.line(SHOWN_ONCE_CODE)
    out.line(`  Enrollment code: ${enrollment.code}`)
    out.line(`  Expires:         ${formatTime(enrollment.expiresAt)}`)
  }
  return { expiresAt: enrollment.expiresAt, codeShown: true as const, code: enrollment.code }
}

// ---------- the program ----------

export interface CliIo {
  /** Exit code of the last run; set instead of calling process.exit so tests can run in-process. */
  exitCode: number
}

export function buildProgram(runtime: CliRuntime, io: CliIo): Command {
  const program = new Command()
  program
    .name('ccred')
    .description('Cluster Credentials on the command line: the same workspace, rules and audit log as the app.')
    .option('--data-dir <dir>', `workspace folder (default: $${DATA_DIR_ENV}, else the app's folder)`)
    .option('--email <address>', `account that signs in (default: $${EMAIL_ENV})`)
    .addOption(new Option('--passphrase-fd <n>', 'read the passphrase from file descriptor <n>').argParser(fileDescriptor))
    .option('--passphrase-file <path>', 'read the passphrase from the first line of <path>')
    .option('--json', 'print one JSON document for scripts (errors too, on stderr)')
    .option(
      '--reveal',
      'print a new password or enrollment code even with --json or when stdout is not a terminal; with vault show: the stored password',
    )
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Sign-in: every command signs in as --email with a passphrase from a no-echo prompt,
--passphrase-fd or --passphrase-file; never from an argument or environment variable.

Exit codes: 0 ok, 1 internal, 2 invalid input, 3 unauthenticated, 4 forbidden,
5 not found, 6 conflict or limit, 7 throttled, 9 a check said no, 130 interrupted.

Examples:
  $ ccred --email ada@acme.example projects list
  $ ccred --email ada@acme.example --passphrase-fd 3 --json clusters list 3< ~/.cc-pass
  $ ccred --data-dir ./workspace --email ada@acme.example users add orders-prod reader --role read_only
`,
    )
  program.configureOutput({
    outputError: (message, write) => write(commanderError(message, program.opts<GlobalOptions>().json === true)),
  })
  program.exitOverride()

  /** Signs in, runs `work`, and prints; errors are mapped to the documented exit codes. */
  const run: Run =
    <O extends GlobalOptions, A extends unknown[]>(work: Work<O, A>) =>
    async (...args: [...A, Record<string, unknown>, Command]) => {
      const command = args.at(-1) as Command
      // Shapes as declared on each command; the dispatcher validates every value again.
      const options = command.optsWithGlobals<O>()
      const out = createOutput({ json: options.json === true })
      try {
        const { dataDir } = resolveDataDir({
          argv: options.dataDir ? [`--${DATA_DIR_SWITCH}=${options.dataDir}`] : [],
          env: process.env,
          defaultDir: defaultDataDir(),
          cwd: process.cwd(),
        })
        const signIn = {
          email: options.email ?? process.env[EMAIL_ENV],
          passphrase: passphraseSource(options),
          spinner: Boolean(process.stderr.isTTY) && !out.json,
        }
        io.exitCode =
          (await withSignedInWorkspace(runtime, dataDir, signIn, (signedIn) =>
            work(signedIn, out, options, ...(args.slice(0, -2) as A)),
          )) ?? EXIT.ok
      } catch (error) {
        io.exitCode = reportError(error, out)
      }
    }

  // --- projects ---
  const projects = withExamples(program.command('projects').description('list and create projects'), [
    'ccred projects list',
    'ccred projects create Orders',
  ])
  withExamples(projects.command('list').description('projects you can see, with your role in each'), [
    'ccred projects list',
    'ccred --json projects list',
  ]).action(
    run(async ({ call }, out) => {
      const list = await call('projects.list', {})
      if (out.json) return out.document({ projects: list })
      out.table(
        ['NAME', 'MY ROLE', 'CLUSTERS', 'CREATED', 'ID'],
        list.map((project) => [
          project.name,
          project.myRole ?? '',
          String(project.clusterCount),
          formatTime(project.createdAt),
          project.id,
        ]),
      )
    }),
  )
  withExamples(projects.command('create').argument('<name>', 'project name').description('create a project (Organization Owners)'), [
    'ccred projects create Orders',
  ]).action(
    run(async ({ call }, out, _options, name: string) => {
      const project = await call('projects.create', { name })
      if (out.json) return out.document({ project })
      out.line(`Created project ${project.name} (${project.id}).`)
    }),
  )

  // --- clusters ---
  const clusters = withExamples(program.command('clusters').description('list, create and show clusters'), [
    'ccred clusters list --project Orders',
    'ccred clusters show orders-prod',
  ])
  withExamples(
    clusters.command('list').option('--project <project>', 'only this project (name or id)').description('clusters you can see'),
    ['ccred clusters list', 'ccred clusters list --project Orders --json'],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & { project?: string }) => {
      const projectId = options.project === undefined ? undefined : await resolveProjectId(call, options.project)
      const list = await call('clusters.list', projectId === undefined ? {} : { projectId })
      if (out.json) return out.document({ clusters: list })
      out.table(
        ['NAME', 'PROJECT', 'ENDPOINT', 'USERS', 'ID'],
        list.map((cluster) => [cluster.name, cluster.projectName, cluster.endpoint, String(cluster.userCount), cluster.id]),
      )
    }),
  )
  withExamples(
    addKeepOptions(
      addPasswordOptions(
        clusters
          .command('create')
          .requiredOption('--project <project>', 'project (name or id)')
          .requiredOption('--name <name>', 'cluster name')
          .requiredOption('--endpoint <url>', 'cluster endpoint, e.g. https://in01-x.example:19530')
          .description(`create a cluster with its ${DB_ADMIN_USERNAME} user; the ${DB_ADMIN_USERNAME} password is shown once`),
      ),
    ),
    [
      'ccred clusters create --project Orders --name orders-prod --endpoint https://in01-orders.example:19530',
      'ccred clusters create --project Orders --name orders-dev --endpoint https://in01-dev.example:19530 --password-file ./pw.txt',
      'ccred clusters create --project Orders --name orders-qa --endpoint https://in01-qa.example:19530 --keep',
    ],
  ).action(
    run(
      async (
        { call },
        out,
        options: GlobalOptions & PasswordOptions & KeepOptions & { project: string; name: string; endpoint: string },
      ) => {
        assertKeepChoice(options)
        const dbAdminPassword = await passwordChoice(options)
        const projectId = await resolveProjectId(call, options.project)
        const { cluster, reveal } = await call('clusters.create', {
          projectId,
          name: options.name,
          endpoint: options.endpoint,
          dbAdminPassword,
        })
        if (!out.json) out.line(`Created cluster ${cluster.name} (${cluster.id}) in ${cluster.projectName}.`)
        const credential = { username: DB_ADMIN_USERNAME, ...(await settleReveal(call, out, options, reveal)) }
        if (out.json) out.document({ cluster, credential })
      },
    ),
  )
  withExamples(clusters.command('show').argument('<cluster>', 'cluster name or id').description('one cluster and its users'), [
    'ccred clusters show orders-prod',
  ]).action(
    run(async ({ call }, out, _options, ref: string) => {
      const cluster = await resolveCluster(call, ref)
      const users = await call('clusterUsers.list', { clusterId: cluster.id })
      if (out.json) return out.document({ cluster, users })
      out.line(`${cluster.name} (${cluster.id})`)
      out.line(`  Project:  ${cluster.projectName}`)
      out.line(`  Endpoint: ${cluster.endpoint}`)
      out.line(`  Created:  ${formatTime(cluster.createdAt)} by ${cluster.createdBy}`)
      out.line(`  Users:    ${cluster.userCount}${cluster.canManageUsers ? '' : ' (read-only for you)'}`)
    }),
  )

  // --- cluster users ---
  const users = withExamples(program.command('users').description('cluster users: list, add, reset, drop, role, verify'), [
    'ccred users list orders-prod',
    'ccred users add orders-prod reader --role read_only',
  ])
  withExamples(users.command('list').argument('<cluster>', 'cluster name or id').description('users of a cluster'), [
    'ccred users list orders-prod',
  ]).action(
    run(async ({ call }, out, _options, ref: string) => {
      const cluster = await resolveCluster(call, ref)
      const list = await call('clusterUsers.list', { clusterId: cluster.id })
      if (out.json) return out.document({ users: list })
      out.table(
        ['USERNAME', 'ROLE', 'CREATED', 'BY', 'PASSWORD RESET'],
        list.map((user) => [user.username, user.role, formatTime(user.createdAt), user.createdBy, formatTime(user.passwordResetAt)]),
      )
    }),
  )
  withExamples(
    addKeepOptions(
      addPasswordOptions(
        users
          .command('add')
          .argument('<cluster>', 'cluster name or id')
          .argument('<username>', 'new cluster username')
          .addOption(new Option('--role <role>', 'cluster role').choices(CLUSTER_ROLES).makeOptionMandatory())
          .description('add a cluster user; the password is generated (or typed) and shown once'),
      ),
    ),
    [
      'ccred users add orders-prod reader --role read_only',
      'ccred --json --reveal users add orders-prod etl --role read_write --length 32',
      'ccred users add orders-prod app --role read_write --keep --keep-title "orders app user"',
    ],
  ).action(
    run(
      async (
        { call },
        out,
        options: GlobalOptions & PasswordOptions & KeepOptions & { role: (typeof CLUSTER_ROLES)[number] },
        ref: string,
        username: string,
      ) => {
        assertKeepChoice(options)
        const password = await passwordChoice(options)
        const cluster = await resolveCluster(call, ref)
        const { user, reveal } = await call('clusterUsers.add', { clusterId: cluster.id, username, role: options.role, password })
        if (!out.json) out.line(`Added ${user.username} (${user.role}) to ${cluster.name}.`)
        const credential = { username: user.username, ...(await settleReveal(call, out, options, reveal)) }
        if (out.json) out.document({ user, credential })
      },
    ),
  )
  withExamples(
    addKeepOptions(
      addPasswordOptions(
        users
          .command('reset')
          .argument('<cluster>', 'cluster name or id')
          .argument('<username>', 'cluster username')
          .description('give a cluster user a new password, shown once'),
      ),
    ),
    [
      'ccred users reset orders-prod reader',
      'ccred users reset orders-prod reader --prompt-password',
      'ccred users reset orders-prod reader --keep',
    ],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & PasswordOptions & KeepOptions, ref: string, username: string) => {
      assertKeepChoice(options)
      const password = await passwordChoice(options)
      const cluster = await resolveCluster(call, ref)
      const { reveal } = await call('clusterUsers.resetPassword', { clusterId: cluster.id, username, password })
      if (!out.json) out.line(`Reset the password of ${username} on ${cluster.name}.`)
      const credential = { username, ...(await settleReveal(call, out, options, reveal)) }
      if (out.json) out.document({ credential })
    }),
  )
  withExamples(
    users
      .command('drop')
      .argument('<cluster>', 'cluster name or id')
      .argument('<username>', 'cluster username')
      .requiredOption('--confirm <username>', 'the username again, to confirm')
      .description(`drop a cluster user (never ${DB_ADMIN_USERNAME})`),
    ['ccred users drop orders-prod reader --confirm reader'],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & { confirm: string }, ref: string, username: string) => {
      const cluster = await resolveCluster(call, ref)
      await call('clusterUsers.drop', { clusterId: cluster.id, username, confirmUsername: options.confirm })
      if (out.json) return out.document({ dropped: { clusterId: cluster.id, username } })
      out.line(`Dropped ${username} from ${cluster.name}.`)
    }),
  )
  withExamples(
    users
      .command('role')
      .argument('<cluster>', 'cluster name or id')
      .argument('<username>', 'cluster username')
      .addArgument(new Command().createArgument('<role>', 'new cluster role').choices(CLUSTER_ROLES))
      .description("change a cluster user's role"),
    ['ccred users role orders-prod reader read_write'],
  ).action(
    run(async ({ call }, out, _options, ref: string, username: string, role: (typeof CLUSTER_ROLES)[number]) => {
      const cluster = await resolveCluster(call, ref)
      const user = await call('clusterUsers.changeRole', { clusterId: cluster.id, username, role })
      if (out.json) return out.document({ user })
      out.line(`${user.username} on ${cluster.name} is now ${user.role}.`)
    }),
  )
  withExamples(
    users
      .command('verify')
      .argument('<cluster>', 'cluster name or id')
      .argument('<username>', 'cluster username')
      .addOption(new Option('--password-fd <n>', 'read the password from file descriptor <n>').argParser(fileDescriptor))
      .option('--password-file <path>', 'read the password from the first line of <path>')
      .description('check a credential offline against the stored hash (exit 9 when it is not valid); prompts without echo by default'),
    ['ccred users verify orders-prod reader', 'ccred users verify orders-prod reader --password-fd 4 4< ./pw.txt'],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & PasswordOptions, ref: string, username: string) => {
      const source: SecretSource =
        options.passwordFd !== undefined
          ? { kind: 'fd', fd: options.passwordFd }
          : options.passwordFile !== undefined
            ? { kind: 'file', path: options.passwordFile }
            : {
                kind: 'prompt',
                prompt: 'Password to verify (typing is hidden): ',
                hint: 'Use --password-fd <n> or --password-file <path>.',
              }
      const password = await readSecret(source, 'password')
      const cluster = await resolveCluster(call, ref)
      const result = await call('clusterUsers.verifyCredential', { clusterId: cluster.id, username, password })
      if (out.json) out.document(result)
      else out.line(result.valid ? `Valid credential: ${username} (${result.role ?? ''}) on ${cluster.name}.` : 'Not a valid credential.')
      return result.valid ? EXIT.ok : EXIT.checkFailed
    }),
  )

  // --- members (account users) ---
  const members = withExamples(program.command('members').description('account users: list, add, reissue enrollment codes'), [
    'ccred members list',
    'ccred members reissue rae@acme.example',
  ])
  withExamples(members.command('list').description('account users and their roles'), ['ccred members list']).action(
    run(async ({ call }, out) => {
      const list = await call('members.list', {})
      if (out.json) return out.document({ members: list })
      out.table(
        ['NAME', 'EMAIL', 'ORG ROLE', 'PROJECT ROLES', 'STATUS'],
        list.map((member) => [
          member.displayName,
          member.email,
          member.orgRole,
          member.projectRoles.map((role) => `${role.projectName}=${role.role}`).join(', '),
          member.status,
        ]),
      )
    }),
  )
  withExamples(
    members
      .command('add')
      .requiredOption('--name <name>', 'display name')
      .requiredOption('--member-email <address>', "the new member's email")
      .addOption(new Option('--org-role <role>', 'organization role').choices(ORG_ROLES).default('member'))
      .addOption(new Option('--project <project=role>', 'a project role, repeatable (project name or id)').argParser(projectRoleAssignment))
      .description('add a member; their one-time enrollment code is shown once'),
    ['ccred members add --name "Rae Reader" --member-email rae@acme.example --project Orders=read_only'],
  ).action(
    run(
      async (
        { call },
        out,
        options: GlobalOptions & {
          name: string
          memberEmail: string
          orgRole: (typeof ORG_ROLES)[number]
          project?: Array<{ project: string; role: ProjectRole }>
        },
      ) => {
        const projectRoles = []
        for (const assignment of options.project ?? [])
          projectRoles.push({ projectId: await resolveProjectId(call, assignment.project), role: assignment.role })
        const { member, enrollment } = await call('members.add', {
          displayName: options.name,
          email: options.memberEmail,
          orgRole: options.orgRole,
          projectRoles,
        })
        if (!out.json) out.line(`Added ${member.displayName} <${member.email}> (pending until they enroll).`)
        const settled = settleEnrollment(out, options, enrollment)
        if (out.json) out.document({ member, enrollment: settled })
      },
    ),
  )
  withExamples(
    members
      .command('reissue')
      .argument('<member>', 'member email or id')
      .description('a new enrollment code for a pending member, shown once'),
    ['ccred members reissue rae@acme.example'],
  ).action(
    run(async ({ call }, out, options, ref: string) => {
      const accountId = await resolveAccountId(call, ref)
      const enrollment = await call('members.reissueEnrollment', { accountId })
      const settled = settleEnrollment(out, options, enrollment)
      if (out.json) out.document({ enrollment: settled })
    }),
  )

  registerVaultCommands(program, run)
  registerHandoffCommands(program, run)

  // --- audit ---
  const audit = withExamples(program.command('audit').description('the audit log: list, verify, receipt, export'), [
    'ccred audit list --outcome denied',
    'ccred audit verify',
    'ccred audit receipt',
  ])
  const addFilterOptions = (command: Command) =>
    command
      .option('--actor <member>', 'only rows by this account (email or id)')
      .option('--cluster <cluster>', 'only rows about this cluster (name or id)')
      .addOption(new Option('--action <action>', 'only this action, e.g. clusterUser.add').choices(AUDIT_ACTIONS))
      .option('--text <text>', 'only rows whose target, actor, action or error code contains this text')
      .addOption(new Option('--outcome <outcome>', 'only allowed or denied').choices(['allowed', 'denied']))
  type FilterOptions = { actor?: string; cluster?: string; action?: AuditAction; outcome?: 'allowed' | 'denied'; text?: string }
  const auditFilter = async (call: Call, options: FilterOptions): Promise<AuditFilter> => ({
    ...(options.actor === undefined ? {} : { actorId: await resolveAccountId(call, options.actor) }),
    ...(options.cluster === undefined ? {} : { clusterId: (await resolveCluster(call, options.cluster)).id }),
    ...(options.action === undefined ? {} : { action: options.action }),
    ...(options.outcome === undefined ? {} : { outcome: options.outcome }),
    ...(options.text === undefined ? {} : { text: options.text }),
  })
  withExamples(
    addFilterOptions(audit.command('list'))
      .addOption(new Option('--limit <n>', 'rows per page (1-500)').argParser(positiveInteger).default(50))
      .addOption(new Option('--before <id>', 'rows older than this row id (the next page)').argParser(positiveInteger))
      .description('audit rows, newest first'),
    [
      'ccred audit list --limit 20',
      'ccred audit list --outcome denied --json',
      'ccred audit list --cluster orders-prod --action clusterUser.reset',
    ],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & FilterOptions & { limit: number; before?: number }) => {
      const filter = await auditFilter(call, options)
      const page = await call('audit.list', {
        filter,
        limit: options.limit,
        ...(options.before === undefined ? {} : { beforeId: options.before }),
      })
      if (out.json) return out.document(page)
      out.table(
        ['ID', 'AT', 'ACTOR', 'ACTION', 'TARGET', 'OUTCOME'],
        page.rows.map((row) => [
          String(row.id),
          row.at === null ? '(damaged)' : formatTime(row.at),
          row.actorName ?? '',
          row.action,
          row.target,
          row.outcome === null ? '(damaged)' : row.errorCode ? `${row.outcome} (${row.errorCode})` : row.outcome,
        ]),
      )
      if (page.hasMore) out.line(`More rows: --before ${page.rows.at(-1)?.id ?? ''}`)
    }),
  )
  withExamples(
    audit
      .command('verify')
      .option('--receipt <receipt>', 'also check a receipt written down earlier, e.g. 1234-7KQ2-MXR4-PA9H-D3TZ')
      .description('check the hash chain of the whole log and its keyed head (exit 9 when it is broken)'),
    ['ccred audit verify', 'ccred audit verify --receipt 1234-7KQ2-MXR4-PA9H-D3TZ'],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & { receipt?: string }) => {
      const result = await call('audit.verify', options.receipt === undefined ? {} : { receipt: options.receipt })
      if (out.json) out.document(result)
      else {
        out.line(
          result.ok
            ? `Audit chain intact (${result.checkedRows} rows).`
            : `Audit chain BROKEN at row ${result.firstBrokenRowId ?? '?'} (${result.checkedRows} rows checked).`,
        )
        out.line(
          `Keyed head: ${result.anchor.status.replace('_', ' ')}${result.anchor.rowId === null ? '' : ` (row ${result.anchor.rowId})`}.`,
        )
        if (result.receipt) out.line(`Receipt for row ${result.receipt.rowId}: ${result.receipt.status.replace('_', ' ')}.`)
        if (result.headReceipt) out.line(`Receipt for the newest row: ${result.headReceipt}`)
      }
      return result.ok ? EXIT.ok : EXIT.checkFailed
    }),
  )
  withExamples(
    audit
      .command('receipt')
      .description('verify the chain, then print a receipt for its newest row to write down (exit 9 when the chain is broken)'),
    ['ccred audit receipt', 'ccred --json audit receipt'],
  ).action(
    run(async ({ call }, out) => {
      const result = await call('audit.verify', {})
      if (out.json) out.document({ ok: result.ok, receipt: result.headReceipt })
      else if (result.headReceipt) {
        out.line(result.headReceipt)
        out.line('Write it down away from this computer; ccred audit verify --receipt <it> later shows whether history up to it changed.')
      } else
        out.line(result.ok ? 'The log is empty: nothing to give a receipt for.' : 'Audit chain BROKEN: no receipt. Run ccred audit verify.')
      return result.ok ? EXIT.ok : EXIT.checkFailed
    }),
  )
  withExamples(
    addFilterOptions(audit.command('export'))
      .option('--output <file>', 'write the CSV to <file> (created owner-only) instead of stdout')
      .description('the audit log as CSV'),
    ['ccred audit export > audit.csv', 'ccred audit export --outcome denied --output denied.csv'],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & FilterOptions & { output?: string }) => {
      const { csv } = await call('audit.exportCsv', { filter: await auditFilter(call, options) })
      if (options.output === undefined) {
        if (out.json) return out.document({ csv })
        return void process.stdout.write(csv)
      }
      try {
        writeFileSync(options.output, csv, { mode: 0o600 })
      } catch {
        throw new AppError('INVALID_INPUT', `Cannot write "${options.output}".`, { field: 'output' })
      }
      if (out.json) return out.document({ file: options.output, bytes: Buffer.byteLength(csv) })
      out.line(`Wrote ${options.output}.`)
    }),
  )

  return program
}

function commanderError(message: string, json: boolean): string {
  const text = message.replace(/^error:\s*/, '').trim()
  return json ? `${JSON.stringify({ error: { code: 'INVALID_INPUT', message: text } })}\n` : `error: INVALID_INPUT: ${text}\n`
}

function reportError(error: unknown, out: Output): number {
  if (error instanceof PromptInterrupted) return EXIT.interrupted
  if (isAppError(error)) {
    out.error(error.toPayload())
    return EXIT_CODE_FOR_ERROR[error.code]
  }
  // Never the raw message or stack: it could hold input. The log has the kind.
  out.error({ code: 'INTERNAL', message: 'Something went wrong. Nothing was changed.' })
  return EXIT.internal
}

/** Runs one command line; resolves to the exit code (the bin passes it to process.exit). */
export async function runCli(argv: readonly string[], runtime: CliRuntime): Promise<number> {
  const io: CliIo = { exitCode: EXIT.ok }
  const program = buildProgram(runtime, io)
  try {
    await program.parseAsync(argv as string[])
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; usage errors are invalid input.
      return error.exitCode === 0 ? EXIT.ok : EXIT.invalidInput
    }
    throw error
  }
  return io.exitCode
}
