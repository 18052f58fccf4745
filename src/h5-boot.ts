/**
 * H5 only: inlined into index.html's head (config/index.ts, src/index.html) and run before the
 * app's bundles load — the first screen's requests start here (services/early-requests.ts).
 */
import { startEarlyRequests } from './services/early-requests';

startEarlyRequests();
