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
  db?: string;
  account_id?: string;
  account_name?: string;
  live_mode?: boolean;
}

export function profileView(profile: Profile, db?: string): ProfileView {
  return {
    name: profile.name,
    current: profile.current,
    kind: profile.kind,
    base_url: profile.base_url ?? null,
    api_key: profile.api_key ? maskKey(profile.api_key) : null,
    ...(profile.kind === 'embedded' && db ? { db } : {}),
  };
}

export const profileColumns: Column<ProfileView>[] = [
  { header: 'NAME', value: (p) => p.name },
  { header: 'CURRENT', value: (p) => (p.current ? '*' : '') },
  { header: 'KIND', value: (p) => p.kind },
  { header: 'BASE URL', value: (p) => p.base_url ?? p.db ?? '' },
  { header: 'API KEY', value: (p) => p.api_key },
];

export const whoamiColumns: Column<ProfileView>[] = [
  ...profileColumns.filter((c) => c.header !== 'CURRENT'),
  { header: 'ACCOUNT', field: 'account_id', value: (p) => p.account_id },
  { header: 'ACCOUNT NAME', value: (p) => p.account_name },
  { header: 'LIVE MODE', value: (p) => p.live_mode },
];
