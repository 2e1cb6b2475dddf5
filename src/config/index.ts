/** Profiles and default locations of the CLI's files. */
export { maskKey, redactSecrets } from './mask-key.js';
export { defaultConfigDir, defaultDataDir, defaultDbPath } from './paths.js';
export { LOCAL_PROFILE, assertProfileName, isValidProfileName } from './profile-name.js';
export {
  ProfileStore,
  type Profile,
  type ProfileData,
  type ProfileInput,
  type ProfileStoreOptions,
  type PermissionFinding,
  type StoredProfile,
} from './profile-store.js';
