import type { PropsWithChildren } from 'react';
import { useDidShow } from '@tarojs/taro';
import { CLOUD_ENV } from './services/config';
import { openShareFromEntry } from './services/share-entry';
import { initCloud } from './services/transports/cloud';
import './app.css';

// A weapp build with a cloud environment calls the functions through wx.cloud.
if (CLOUD_ENV) initCloud(CLOUD_ENV);

function App({ children }: PropsWithChildren) {
  // Every show may carry a share: the cold start, or a card tapped while the app was in the background.
  useDidShow((options) => openShareFromEntry(options));
  return children;
}

export default App;
