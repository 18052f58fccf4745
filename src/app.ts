import type { PropsWithChildren } from 'react';
import { useDidShow } from '@tarojs/taro';
import { call } from './services/api';
import { CLOUD_ENV } from './services/config';
import { takeEarlyHome } from './services/early-requests';
import { opensOnHome } from './services/location';
import { preload } from './services/preload';
import { openShareFromEntry } from './services/share-entry';
import { initCloud } from './services/transports/cloud';
import { signedIn, useSessionStore } from './stores/session';
import { welcomeFriend } from './stores/welcome';
import './app.css';

// A weapp build with a cloud environment calls the functions through wx.cloud.
if (CLOUD_ENV) initCloud(CLOUD_ENV);

// Sign in while the first page's code is still loading, and ask for 首页's data the moment the
// session is there: the first screen then waits for neither in turn. In H5 both usually left
// already, before this code loaded (services/early-requests.ts).
void useSessionStore.getState().ensure();
if (opensOnHome()) {
  preload('catalog.home', () => takeEarlyHome() ?? signedIn().then(() => call('catalog', 'home', {})));
}

function App({ children }: PropsWithChildren) {
  // Every show may carry a share: the cold start, or a card tapped while the app was in the background.
  useDidShow((options) => void openShareFromEntry(options).then(welcomeFriend));
  return children;
}

export default App;
