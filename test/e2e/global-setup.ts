/** Before the browser suites: build the H5 app when missing or stale (never skip). */
import { ensureBuild } from '../../config/scripts/ensure-build';

export default function setup() {
  ensureBuild('h5');
}
