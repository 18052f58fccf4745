import { catalogHome } from '../../services/catalog/home';
import { listProducts } from '../../services/catalog/list-products';
import { productDetail } from '../../services/catalog/product-detail';
import { defineFunction } from '../runtime';

export const catalog = defineFunction('catalog', {
  home: (ctx, actor) => catalogHome(ctx, actor),
  list: (ctx, actor, params) => listProducts(ctx, actor, params),
  detail: (ctx, actor, params) => productDetail(ctx, actor, params),
});
