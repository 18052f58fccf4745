/** Before the browser suites: build the H5 app when missing or stale (never skip). */
import { ensureBuilt } from '../simulate/global-setup';

export default function setup() {
  ensureBuilt('h5');
}
