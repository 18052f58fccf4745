import type { PropsWithChildren } from 'react';
import { useDidShow } from '@tarojs/taro';
import { call } from './services/api';
import { CLOUD_ENV, IS_H5 } from './services/config';
import { preload } from './services/preload';
import { openShareFromEntry } from './services/share-entry';
import { initCloud } from './services/transports/cloud';
import { signedIn, useSessionStore } from './stores/session';
import './app.css';

// A weapp build with a cloud environment calls the functions through wx.cloud.
if (CLOUD_ENV) initCloud(CLOUD_ENV);

/** H5 opened on 首页 (no route in the hash, or the home page's). */
function opensOnHome(): boolean {
  if (typeof window === 'undefined') return false;
  const route = window.location.hash.replace(/^#\/?/, '').split('?')[0];
  return route === '' || route === 'pages/home/index';
}

// Sign in while the first page's code is still loading, and ask for 首页's data the moment the
// session is there: the first screen then waits for neither in turn.
void useSessionStore.getState().ensure();
if (IS_H5 && opensOnHome()) preload('catalog.home', () => signedIn().then(() => call('catalog', 'home', {})));

function App({ children }: PropsWithChildren) {
  // Every show may carry a share: the cold start, or a card tapped while the app was in the background.
  useDidShow((options) => openShareFromEntry(options));
  return children;
}

export default App;
