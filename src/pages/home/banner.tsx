import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { HomeView } from '@cloud/contract';
import { productUrl } from '@/components/ProductCard';
import { imageUrl } from '@/services/image-url';

export type BannerView = HomeView['banners'][number];

/** One banner: its image (which carries its own words; the title is for screen readers), opening its product. */
export default function Banner({ banner }: { banner: BannerView }) {
  return (
    <View
      className='home-banners__item'
      data-banner={banner.id}
      aria-label={banner.title}
      onClick={() => banner.productId && void Taro.navigateTo({ url: productUrl(banner.productId) })}
    >
      <Image className='home-banners__image' src={imageUrl(banner.imageUrl) ?? ''} mode='aspectFill' />
    </View>
  );
}
