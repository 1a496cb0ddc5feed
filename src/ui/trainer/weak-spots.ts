// The weak-spots register in the app: the same engine function as `weak-spots --data --pack`
// (src/engine/weakspots/with-pack.ts), plus the labels the screen shows.
import type { WeakSpotKind } from '../../engine/weakspots/index.ts';
export { weakSpotsWithPack as weakSpotsOf } from '../../engine/weakspots/with-pack.ts';

export const KIND_LABELS: Record<WeakSpotKind, string> = {
  excess_rights: 'Excess access rights',
  sod_conflict: 'Separation-of-duty conflict',
  unencrypted_channel: 'Unencrypted channel',
  weak_credentials: 'Weak credentials',
  dormant_account: 'Dormant or orphaned account',
  departing_user_access: 'Departing user still holds access',
  hr_red_flag_behaviour_change: 'HR red flag plus behaviour change',
};
