import { create } from 'zustand';
import type { CheckinResult, LedgerEntry, MakeupResult, MemberProfile, Params, TierCard } from '@cloud/contract';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';

export const LEDGER_PAGE_SIZE = 20;

export type ProfilePatch = Omit<Params<'member', 'update'>, 'consentVersion'>;

/** Consent is missing, or older than the version in force. */
export function needsConsent(profile: MemberProfile | null): boolean {
  if (!profile) return false;
  return !profile.consent || profile.consent.version < profile.consentVersionRequired;
}

interface MemberState {
  profile: MemberProfile | null;
  balance: number | null;
  /** Points that expire at the end of this month, and that day. */
  expiring: { points: number; on: string } | null;
  tier: TierCard | null;
  ledger: LedgerEntry[];
  nextCursor: string | null;
  ledgerLoaded: boolean;
  loadingLedger: boolean;
  error: string | null;
  /** Profile, balance, tier card and the first ledger page, together. */
  refresh(): Promise<void>;
  loadProfile(): Promise<MemberProfile>;
  loadMoreLedger(): Promise<void>;
  /** 同意 the privacy guide: records the consent version in force. */
  acceptConsent(): Promise<MemberProfile>;
  updateProfile(patch: ProfilePatch): Promise<MemberProfile>;
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
  tier: null,
  ledger: [],
  nextCursor: null,
  ledgerLoaded: false,
  loadingLedger: false,
  error: null,
  async refresh() {
    set({ loadingLedger: true, error: null });
    try {
      const [profile, balance, tier, page] = await Promise.all([
        call('member', 'profile', {}),
        call('points', 'balance', {}),
        call('member', 'tier', {}),
        call('points', 'ledger', { limit: LEDGER_PAGE_SIZE }),
      ]);
      set({
        profile,
        balance: balance.balance,
        expiring: { points: balance.expiringThisMonth ?? 0, on: balance.expiringOn },
        tier,
        ledger: page.items,
        nextCursor: page.nextCursor,
        ledgerLoaded: true,
        loadingLedger: false,
      });
    } catch (err) {
      set({ loadingLedger: false, error: messageOf(err) });
      throw err;
    }
  },
  async loadProfile() {
    const profile = await call('member', 'profile', {});
    set({ profile, balance: profile.pointsBalance });
    return profile;
  },
  async loadMoreLedger() {
    const { nextCursor, loadingLedger } = get();
    if (!nextCursor || loadingLedger) return;
    set({ loadingLedger: true });
    try {
      const page = await call('points', 'ledger', { cursor: nextCursor, limit: LEDGER_PAGE_SIZE });
      const seen = new Set(get().ledger.map((e) => e.id));
      set((s) => ({
        ledger: [...s.ledger, ...page.items.filter((e) => !seen.has(e.id))],
        nextCursor: page.nextCursor,
        loadingLedger: false,
      }));
    } catch (err) {
      set({ loadingLedger: false });
      throw err;
    }
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
      // The ledger gained a row (and growth): the next visit reloads them.
      ledgerLoaded: result.alreadyCheckedIn ? s.ledgerLoaded : false,
    }));
  },
  applyMakeup(result) {
    set((s) => ({
      balance: result.balance,
      profile: s.profile ? { ...s.profile, pointsBalance: result.balance } : s.profile,
      ledgerLoaded: false,
    }));
  },
  reset: () =>
    set({ profile: null, balance: null, expiring: null, tier: null, ledger: [], nextCursor: null, ledgerLoaded: false, error: null }),
}));
