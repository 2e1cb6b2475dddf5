/** Profiles and default locations of the CLI's files. */
export { maskKey, redactSecrets } from './mask-key.js';
export { defaultConfigDir, defaultDataDir, defaultDbPath } from './paths.js';
export { LOCAL_PROFILE, assertProfileName, isValidProfileName } from './profile-name.js';
export { ProfileStore, type Profile, type ProfileInput, type ProfileStoreOptions } from './profile-store.js';
export type { ProfileData, StoredProfile } from './config-file.js';
export type { PermissionFinding } from './config-permissions.js';
