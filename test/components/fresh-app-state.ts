/**
 * Most component suites share their worker's modules (isolate: false: Taro's H5 runtime is
 * imported once per worker, not once per file; config/vitest.config.mts). What the app keeps
 * between screens — its stores, the stored session, the client's session, early answers, shares
 * opened, the transport — starts afresh for every file, as it would in a new app.
 */
import { beforeAll } from 'vitest';
import { useCurrentTab } from '@/components/TabBar/tab-page';
import { forgetPreloaded } from '@/services/preload';
import { forgetOpenedShares } from '@/services/share-entry';
import { setTransport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { connectClientToSession, useSessionStore } from '@/stores/session';
import { useWelcomeStore } from '@/stores/welcome';

beforeAll(() => {
  useMemberStore.setState(useMemberStore.getInitialState(), true);
  useSessionStore.setState(useSessionStore.getInitialState(), true);
  useWelcomeStore.setState(useWelcomeStore.getInitialState(), true);
  useCurrentTab.setState(useCurrentTab.getInitialState(), true);
  connectClientToSession();
  forgetPreloaded();
  forgetOpenedShares();
  setTransport(null);
  localStorage.clear();
  sessionStorage.clear();
});
