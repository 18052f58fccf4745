import { create } from 'zustand';
import type { CheckinResult, MakeupResult, MemberProfile, Params, PointsBalance, TierCard } from '@cloud/contract';
import { call } from '@/services/api';

export type ProfilePatch = Omit<Params<'member', 'update'>, 'consentVersion'>;

/** Consent is missing, or older than the version in force. */
export function needsConsent(profile: MemberProfile | null): boolean {
  if (!profile) return false;
  return !profile.consent || profile.consent.version < profile.consentVersionRequired;
}

interface MemberState {
  profile: MemberProfile | null;
  balance: number | null;
  /** The points that expire soonest, and the last day they can be used; null when none will. */
  expiring: PointsBalance['expiring'];
  /** 社群积分 (points.balance's groupPoints); null until the server answered. */
  groupPoints: number | null;
  tier: TierCard | null;
  /** Profile, balance and tier card, together; answers the profile. */
  refresh(): Promise<MemberProfile>;
  loadProfile(): Promise<MemberProfile>;
  /** 同意 the privacy guide: records the consent version in force. */
  acceptConsent(): Promise<MemberProfile>;
  updateProfile(patch: ProfilePatch): Promise<MemberProfile>;
  /** The ask for avatar and nickname was shown: the server remembers it (once per member). */
  markProfileAsked(): Promise<MemberProfile>;
  withdrawConsent(): Promise<MemberProfile>;
  setPendingReminders(n: number): void;
  applyCheckin(result: CheckinResult): void;
  applyMakeup(result: MakeupResult): void;
  reset(): void;
}

export const useMemberStore = create<MemberState>()((set, get) => ({
  profile: null,
  balance: null,
  expiring: null,
  groupPoints: null,
  tier: null,
  async refresh() {
    const [profile, balance, tier] = await Promise.all([
      call('member', 'profile', {}),
      call('points', 'balance', {}),
      call('member', 'tier', {}),
    ]);
    set({ profile, balance: balance.balance, expiring: balance.expiring, groupPoints: balance.groupPoints, tier });
    return profile;
  },
  async loadProfile() {
    const profile = await call('member', 'profile', {});
    set({ profile, balance: profile.pointsBalance });
    return profile;
  },
  async acceptConsent() {
    const version = get().profile?.consentVersionRequired ?? (await get().loadProfile()).consentVersionRequired;
    const profile = await call('member', 'update', { consentVersion: version });
    set({ profile });
    return profile;
  },
  async updateProfile(patch) {
    const profile = await call('member', 'update', patch);
    set({ profile });
    return profile;
  },
  async markProfileAsked() {
    const profile = await call('member', 'profileAsked', {});
    set({ profile });
    return profile;
  },
  async withdrawConsent() {
    const profile = await call('member', 'withdrawConsent', {});
    set({ profile });
    return profile;
  },
  setPendingReminders(n) {
    set((s) => ({ profile: s.profile ? { ...s.profile, pendingReminders: n } : s.profile }));
  },
  applyCheckin(result) {
    set((s) => ({
      balance: result.balance,
      profile: s.profile
        ? { ...s.profile, pointsBalance: result.balance, ...(result.upgradedTo ? { tier: result.upgradedTo } : {}) }
        : s.profile,
    }));
  },
  applyMakeup(result) {
    set((s) => ({
      balance: result.balance,
      profile: s.profile ? { ...s.profile, pointsBalance: result.balance } : s.profile,
    }));
  },
  reset: () => set({ profile: null, balance: null, expiring: null, groupPoints: null, tier: null }),
}));
