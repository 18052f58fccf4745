import type { PropsWithChildren } from 'react';
import { CLOUD_ENV } from './services/config';
import { initCloud } from './services/transports/cloud';
import './app.css';

// A weapp build with a cloud environment calls the functions through wx.cloud.
if (CLOUD_ENV) initCloud(CLOUD_ENV);

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
