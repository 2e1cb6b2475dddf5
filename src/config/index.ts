/** Profiles and default locations of the CLI's files. */
export { maskKey } from './mask-key.js';
export { defaultConfigDir, defaultDataDir, defaultDbPath } from './paths.js';
export { LOCAL_PROFILE, assertProfileName, isValidProfileName } from './profile-name.js';
export {
  ProfileStore,
  type Profile,
  type ProfileData,
  type ProfileInput,
  type ProfileStoreOptions,
  type StoredProfile,
} from './profile-store.js';
