/**
 * Sizes of the account-key derivation, apart from kdf.ts so the key-derivation worker's
 * module imports no libsodium: the command line starts that worker before anything else.
 */
export const KDF_SALT_BYTES = 16
export const DERIVED_KEY_BYTES = 32
