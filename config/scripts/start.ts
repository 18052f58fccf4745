/**
 * `npm start`: the local app in one command. Development unless NODE_ENV says otherwise
 * (`NODE_ENV=production npm start` is production); builds the H5 app when it is missing or
 * stale, then starts the Node server. A server started directly (`tsx cloud/server/main.ts`)
 * without NODE_ENV is production.
 */
import { ensureBuild } from './ensure-build';

process.env.NODE_ENV ??= 'development';
try {
  ensureBuild('h5');
} catch (err) {
  console.error(`[ensure-build] ${(err as Error).message}`);
  process.exit(1);
}
void import('../../cloud/server/main');
