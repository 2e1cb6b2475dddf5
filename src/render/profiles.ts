import { maskKey } from '../config/mask-key.js';
import type { Profile } from '../config/profile-store.js';
import type { Column } from './column.js';

/** A profile as printed: the key always masked. */
export interface ProfileView {
  name: string;
  current: boolean;
  kind: 'embedded' | 'http';
  base_url: string | null;
  api_key: string | null;
  /** The profile's default connected account (`credyt profiles account`). */
  default_account: string | null;
  db?: string;
  account_id?: string;
  account_name?: string;
  live_mode?: boolean;
  /** whoami: the connected account the run acts on, its name, and what selected it. */
  connected_account_id?: string | null;
  connected_account_name?: string | null;
  connected_account_source?: 'flag' | 'env' | 'profile' | null;
}

export function profileView(profile: Profile, db?: string): ProfileView {
  return {
    name: profile.name,
    current: profile.current,
    kind: profile.kind,
    base_url: profile.base_url ?? null,
    api_key: profile.api_key ? maskKey(profile.api_key) : null,
    default_account: profile.account ?? null,
    ...(profile.kind === 'embedded' && db ? { db } : {}),
  };
}

export const profileColumns: Column<ProfileView>[] = [
  { header: 'NAME', value: (p) => p.name },
  { header: 'CURRENT', value: (p) => (p.current ? '*' : '') },
  { header: 'KIND', value: (p) => p.kind },
  { header: 'BASE URL', value: (p) => p.base_url ?? p.db ?? '' },
  { header: 'API KEY', value: (p) => p.api_key },
  { header: 'DEFAULT ACCOUNT', value: (p) => p.default_account },
];

export const whoamiColumns: Column<ProfileView>[] = [
  ...profileColumns.filter((c) => c.header !== 'CURRENT' && c.header !== 'DEFAULT ACCOUNT'),
  { header: 'ACCOUNT', field: 'account_id', value: (p) => p.account_id },
  { header: 'ACCOUNT NAME', value: (p) => p.account_name },
  { header: 'LIVE MODE', value: (p) => p.live_mode },
  ...connectedAccountColumns<ProfileView>(),
];

/** The selected connected account's columns, shared by `whoami` and `auth status`. */
export function connectedAccountColumns<T extends ConnectedAccountFields>(): Column<T>[] {
  return [
    { header: 'CONNECTED ACCOUNT', field: 'connected_account_id', value: (p) => p.connected_account_id },
    { header: 'CONNECTED ACCOUNT NAME', value: (p) => p.connected_account_name },
    { header: 'CONNECTED ACCOUNT SOURCE', value: (p) => p.connected_account_source },
  ];
}

/** What `whoami` and `auth status` say of the selected connected account (null: none). */
export interface ConnectedAccountFields {
  connected_account_id?: string | null;
  connected_account_name?: string | null;
  connected_account_source?: 'flag' | 'env' | 'profile' | null;
}
