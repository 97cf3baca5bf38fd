/**
 * Versioned schema migrations, applied in order inside one transaction at start.
 * `PRAGMA user_version` records the version. Never edit a shipped migration: add one.
 *
 * Some rules are also enforced by the schema itself (defence in depth behind core):
 * `db_admin` cannot be deleted, renamed or demoted, and the audit log is append-only.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { fillVaultKeys } from '../vault/vaultKeys'

export interface Migration {
  version: number
  name: string
  sql: string
  /**
   * Fills new columns of existing rows with values SQL cannot compute (Unicode folding),
   * after `sql`, in the same transaction. It runs today's code: a later change to what it
   * computes needs a migration of its own that recomputes the values.
   */
  fill?: (db: BetterSqlite3.Database) => void
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'workspace, accounts, projects, clusters, cluster users, audit',
    sql: `
      CREATE TABLE organization (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      -- Account users: people who sign in to this app. Never cluster users.
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        org_role TEXT NOT NULL CHECK (org_role IN ('owner', 'member')),
        status TEXT NOT NULL CHECK (status IN ('active', 'pending')),
        created_at INTEGER NOT NULL,
        created_by TEXT
      );

      -- The account key (32 random bytes) wrapped under an Argon2id-derived key.
      -- KDF parameters are stored with each key so they can differ per account and rise later.
      CREATE TABLE account_keys (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        format_version INTEGER NOT NULL,
        kdf_alg TEXT NOT NULL,
        kdf_opslimit INTEGER NOT NULL,
        kdf_memlimit INTEGER NOT NULL,
        kdf_salt BLOB NOT NULL,
        wrap_nonce BLOB NOT NULL,
        wrapped_key BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      );

      -- Consecutive wrong passphrases per account; persisted so a restart does not reset the delay.
      CREATE TABLE sign_in_throttle (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER NOT NULL DEFAULT 0
      );

      -- One-time enrollment codes for pending accounts; only a hash of the code is kept.
      CREATE TABLE enrollments (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        code_hash TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT
      );

      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at INTEGER NOT NULL,
        created_by TEXT
      );

      CREATE TABLE project_members (
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'read_write', 'read_only')),
        PRIMARY KEY (project_id, account_id)
      );
      CREATE INDEX project_members_by_account ON project_members(account_id);

      CREATE TABLE clusters (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by_name TEXT NOT NULL,
        UNIQUE (project_id, name)
      );

      -- Cluster users: credentials for a cluster. Only an Argon2id hash (crypto_pwhash_str) of the password.
      CREATE TABLE cluster_users (
        cluster_id TEXT NOT NULL REFERENCES clusters(id),
        username TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'read_write', 'read_only')),
        password_hash TEXT NOT NULL,
        is_default_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_default_admin IN (0, 1)),
        created_at INTEGER NOT NULL,
        created_by_name TEXT NOT NULL,
        password_reset_at INTEGER,
        password_reset_by_name TEXT,
        PRIMARY KEY (cluster_id, username)
      );

      CREATE TRIGGER cluster_users_db_admin_no_delete BEFORE DELETE ON cluster_users
        WHEN OLD.is_default_admin = 1
        BEGIN SELECT RAISE(ABORT, 'db_admin cannot be dropped'); END;
      CREATE TRIGGER cluster_users_db_admin_no_change BEFORE UPDATE OF username, role, is_default_admin ON cluster_users
        WHEN OLD.is_default_admin = 1
          AND (NEW.username IS NOT OLD.username OR NEW.role IS NOT 'admin' OR NEW.is_default_admin IS NOT 1)
        BEGIN SELECT RAISE(ABORT, 'db_admin cannot be renamed or demoted'); END;

      -- Append-only audit log, hash-chained with BLAKE2b: row_hash = H(prev_hash || canonical row).
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor_id TEXT,
        actor_name TEXT,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        cluster_id TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied')),
        error_code TEXT,
        prev_hash BLOB NOT NULL,
        row_hash BLOB NOT NULL
      );
      CREATE INDEX audit_log_by_actor ON audit_log(actor_id, id);
      CREATE INDEX audit_log_by_cluster ON audit_log(cluster_id, id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'audit log indexes for the action and outcome filters',
    // The list reads newest first with LIMIT, so each index ends in id: a filtered page is
    // a short index range scan instead of a walk over the whole log.
    sql: `
      CREATE INDEX audit_log_by_action ON audit_log(action, id);
      CREATE INDEX audit_log_by_outcome ON audit_log(outcome, id);
    `,
  },
  {
    version: 3,
    name: 'one persisted throttle for every guessable secret',
    // Sign-in passphrases, enrollment codes (in memory until now, so a restart reset them)
    // and cluster-user credential checks share one table and one curve. Sign-in counts carry
    // over. Subjects are account ids, a fixed name or [actor, cluster, username]; ids are
    // never reused, so rows of removed accounts are inert (removal deletes the sign-in row).
    sql: `
      CREATE TABLE attempt_throttle (
        scope TEXT NOT NULL,
        subject TEXT NOT NULL,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (scope, subject)
      );
      INSERT INTO attempt_throttle (scope, subject, consecutive_failures, locked_until)
        SELECT 'session.sign_in', account_id, consecutive_failures, locked_until FROM sign_in_throttle;
      DROP TABLE sign_in_throttle;
    `,
  },
  {
    version: 4,
    name: 'audit key wraps and the keyed audit head',
    // See electron/core/audit/auditKey.ts and auditLog.ts. The audit key is never stored in
    // clear: only wrapped under an account key, or under a pending member's enrollment code.
    sql: `
      CREATE TABLE audit_key_wraps (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        format_version INTEGER NOT NULL,
        wrap_nonce BLOB NOT NULL,
        wrapped_key BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE audit_key_enrollment_wraps (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        format_version INTEGER NOT NULL,
        kdf_alg TEXT NOT NULL,
        kdf_opslimit INTEGER NOT NULL,
        kdf_memlimit INTEGER NOT NULL,
        kdf_salt BLOB NOT NULL,
        wrap_nonce BLOB NOT NULL,
        wrapped_key BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      -- The newest audit row a holder of the audit key has vouched for, with a MAC under that key.
      -- One row that only ever moves forward.
      CREATE TABLE audit_anchor (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        row_id INTEGER NOT NULL,
        row_hash BLOB NOT NULL,
        mac BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor
        BEGIN SELECT RAISE(ABORT, 'the audit anchor only moves forward'); END;
      CREATE TRIGGER audit_anchor_forward_only BEFORE UPDATE ON audit_anchor
        WHEN NEW.row_id <= OLD.row_id
        BEGIN SELECT RAISE(ABORT, 'the audit anchor only moves forward'); END;
    `,
  },
  {
    version: 5,
    name: 'personal vault, cluster credential versions, per-account settings',
    sql: `
      -- Every password a cluster user gets (at creation and at each reset) gets a new
      -- credential version from this never-reused sequence, so a vault entry can tell that its
      -- password was replaced without storing anything comparable to the password. A user
      -- dropped and added again under the same name gets a new version too.
      CREATE TABLE credential_version_seq (version INTEGER PRIMARY KEY AUTOINCREMENT);
      ALTER TABLE cluster_users ADD COLUMN credential_version INTEGER NOT NULL DEFAULT 0;
      CREATE TRIGGER cluster_users_credential_version_on_insert AFTER INSERT ON cluster_users
        BEGIN
          INSERT INTO credential_version_seq (version) VALUES (NULL);
          UPDATE cluster_users SET credential_version = (SELECT MAX(version) FROM credential_version_seq)
            WHERE cluster_id = NEW.cluster_id AND username = NEW.username;
        END;
      CREATE TRIGGER cluster_users_credential_version_on_reset AFTER UPDATE OF password_hash ON cluster_users
        WHEN NEW.password_hash IS NOT OLD.password_hash
        BEGIN
          INSERT INTO credential_version_seq (version) VALUES (NULL);
          UPDATE cluster_users SET credential_version = (SELECT MAX(version) FROM credential_version_seq)
            WHERE cluster_id = NEW.cluster_id AND username = NEW.username;
        END;

      -- A person's vault. Metadata in clear (listing, search, sort without decrypting);
      -- password, notes and password history sealed with XChaCha20-Poly1305 under a key
      -- derived from the owner's account key, each bound by its additional data to the
      -- account, the entry id, the field and the format version.
      CREATE TABLE vault_entries (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        username TEXT NOT NULL,
        cluster_id TEXT,
        endpoint TEXT NOT NULL,
        cluster_role TEXT CHECK (cluster_role IN ('admin', 'read_write', 'read_only')),
        tags TEXT NOT NULL DEFAULT '[]',
        origin TEXT NOT NULL CHECK (origin IN ('kept', 'manual', 'imported')),
        source_event TEXT CHECK (source_event IN ('created', 'reset')),
        source_by_name TEXT,
        source_at INTEGER,
        -- linked: holds the password of credential_version; mismatch: checked once and did
        -- not match the stored hash; unlinked: names no cluster user of this workspace.
        link TEXT NOT NULL CHECK (link IN ('linked', 'mismatch', 'unlinked')),
        credential_version INTEGER,
        format_version INTEGER NOT NULL,
        password_nonce BLOB NOT NULL,
        password_sealed BLOB NOT NULL,
        notes_nonce BLOB,
        notes_sealed BLOB,
        history_nonce BLOB,
        history_sealed BLOB,
        history_count INTEGER NOT NULL DEFAULT 0 CHECK (history_count BETWEEN 0 AND 5),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX vault_entries_by_account ON vault_entries(account_id);
      CREATE INDEX vault_entries_by_cluster_user ON vault_entries(cluster_id, username);

      CREATE TABLE account_settings (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        auto_lock_minutes INTEGER NOT NULL,
        clipboard_clear_seconds INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    // Numbered 6 on purpose: 3 (trust core) and 4 (audit) are taken by work on other
    // branches and 5 is the vault.
    version: 6,
    name: 'handoff identities, contacts, inbox and opened handoffs',
    sql: `
      -- One handoff identity per account: an age X25519 identity and an Ed25519 signing key.
      -- Public halves in clear; private halves sealed under the account key (XChaCha20-Poly1305,
      -- additional data = account id + purpose + format version).
      CREATE TABLE handoff_identities (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        format_version INTEGER NOT NULL,
        age_recipient TEXT NOT NULL UNIQUE,
        signing_public_key BLOB NOT NULL,
        sealed_nonce BLOB NOT NULL,
        sealed_private BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );

      -- Contacts an account imported (cards) or added (external age recipients). Workspace
      -- members are contacts without a row here: their cards come from handoff_identities.
      CREATE TABLE handoff_contacts (
        id TEXT PRIMARY KEY,
        owner_account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('card', 'external')),
        display_name TEXT NOT NULL,
        email TEXT,
        age_recipient TEXT NOT NULL,
        signing_public_key BLOB,
        verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
        created_at INTEGER NOT NULL,
        UNIQUE (owner_account_id, age_recipient),
        CHECK ((kind = 'card') = (signing_public_key IS NOT NULL))
      );

      -- Handoffs to a member of this workspace: the age file waits here, sealed to the
      -- recipient. The file is erased when the handoff is opened or revoked.
      CREATE TABLE handoff_inbox (
        id TEXT PRIMARY KEY,
        sender_account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        recipient_account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        cluster_name TEXT NOT NULL,
        username TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'opened', 'revoked')),
        closed_at INTEGER,
        armored TEXT,
        CHECK ((status = 'waiting') = (armored IS NOT NULL))
      );
      CREATE INDEX handoff_inbox_by_recipient ON handoff_inbox(recipient_account_id, status);
      CREATE INDEX handoff_inbox_by_sender ON handoff_inbox(sender_account_id, created_at);

      -- Every handoff id ever opened here: the recipient's app is the only place single use
      -- can be enforced offline.
      CREATE TABLE handoff_opened (
        handoff_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        opened_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'vault search text, sort keys and clear history dates',
    sql: `
      -- Search and sort without per-entry work in JavaScript: the folded search text (title,
      -- username, cluster name, endpoint, tags) and one sort key per sortable field, computed
      -- by shared/policy/vault.ts at every write (and by fill() below for existing rows).
      -- They hold nothing the clear columns do not already say.
      ALTER TABLE vault_entries ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
      ALTER TABLE vault_entries ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE vault_entries ADD COLUMN username_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE vault_entries ADD COLUMN cluster_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE vault_entries ADD COLUMN endpoint_key TEXT NOT NULL DEFAULT '';
      -- When each earlier password was replaced (JSON array of ms, newest first), so the entry
      -- page lists them without decrypting. NULL: not known in clear yet (entries edited before
      -- this version); filled from the sealed history at the owner's next sign-in.
      ALTER TABLE vault_entries ADD COLUMN history_dates TEXT;
      UPDATE vault_entries SET history_dates = '[]' WHERE history_count = 0;
      -- The Vault screen's default order, read straight from the index; it replaces the
      -- account-only index (same leading column).
      DROP INDEX vault_entries_by_account;
      CREATE INDEX vault_entries_by_title ON vault_entries(account_id, title_key, id);
      CREATE INDEX vault_entries_history_dates_unknown ON vault_entries(account_id) WHERE history_dates IS NULL;
      -- Only linked entries can be outdated or orphaned: counting those reads just these.
      CREATE INDEX vault_entries_linked ON vault_entries(account_id) WHERE link != 'unlinked';
    `,
    fill: fillVaultKeys,
  },
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version
