import { listAddresses } from '../../services/address/list-addresses';
import { removeAddress } from '../../services/address/remove-address';
import { saveAddress } from '../../services/address/save-address';
import { defineFunction } from '../runtime';

export const address = defineFunction('address', {
  list: (ctx, actor) => listAddresses(ctx, actor),
  save: (ctx, actor, params) => saveAddress(ctx, actor, params),
  remove: (ctx, actor, params) => removeAddress(ctx, actor, params),
});
