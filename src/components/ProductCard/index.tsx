import { Image, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { ProductCard as ProductCardView } from '@cloud/contract';
import PriceTag from '../PriceTag';
import { imageUrl } from '@/services/image-url';
import './index.css';

export interface ProductCardProps {
  product: ProductCardView;
  /** grid: two per row; row: a narrow card in a horizontal strip. */
  layout?: 'grid' | 'row';
  /** Extra lines under the price (the flash sale's stock and countdown on 首页). */
  children?: ReactNode;
  onOpen(product: ProductCardView): void;
}

/** The product page in the shop subpackage. */
export const productUrl = (id: string) => `/packages/shop/product/index?id=${id}`;

/** A flash sale I can still buy in: live, and my per-member limit not used up. */
const flashOpen = (p: ProductCardView) => p.flashSale?.state === 'live' && p.flashSale.mine.left > 0;

/** The price a card shows: the live flash price while I may still take it, else my member price, against the list price. */
export function cardPrice(p: ProductCardView): { fen: number; wasFen: number; label: string | null } {
  if (flashOpen(p)) return { fen: p.flashSale!.priceFen, wasFen: p.priceFen, label: '秒杀价' };
  if (p.memberPriceFen < p.priceFen) return { fen: p.memberPriceFen, wasFen: p.priceFen, label: '会员价' };
  return { fen: p.priceFen, wasFen: p.priceFen, label: null };
}

/** A product in a list: image (loaded when scrolled near), badges, name and price. */
export default function ProductCard({ product, layout = 'grid', children, onOpen }: ProductCardProps) {
  const price = cardPrice(product);
  const src = imageUrl(product.imageUrl);
  return (
    <View
      className={`product-card product-card--${layout} ${product.soldOut ? 'product-card--sold-out' : ''}`}
      data-product={product.id}
      onClick={() => onOpen(product)}
    >
      <View className='product-card__media'>
        {src ? <Image className='product-card__image' src={src} mode='aspectFill' lazyLoad /> : <View className='product-card__image' />}
        <View className='product-card__badges'>
          {product.isNew && <Text className='product-card__badge product-card__badge--new'>新款</Text>}
          {flashOpen(product) && <Text className='product-card__badge product-card__badge--flash'>秒杀</Text>}
        </View>
        {product.soldOut && <View className='product-card__sold-out'>已售罄</View>}
      </View>
      <View className='product-card__body'>
        <View className='product-card__name'>{product.name}</View>
        {layout === 'grid' && product.subtitle && <View className='product-card__subtitle'>{product.subtitle}</View>}
        <PriceTag fen={price.fen} wasFen={price.wasFen} label={price.label} />
        {children}
      </View>
    </View>
  );
}
