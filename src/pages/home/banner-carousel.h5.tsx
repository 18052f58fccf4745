/**
 * H5: the swiper library is most of 首页's code (≈160 KB), and the carousel only starts after the
 * first screen is up, so it comes in a chunk of its own; until then the first banner stands still.
 */
import { View } from '@tarojs/components';
import { lazy, Suspense } from 'react';
import Banner, { type BannerView } from './banner';

const BannerSwiper = lazy(() => import('./banner-swiper'));

export default function BannerCarousel({ banners }: { banners: BannerView[] }) {
  return (
    <Suspense
      fallback={
        <View className='home-banners'>
          <Banner banner={banners[0]!} />
        </View>
      }
    >
      <BannerSwiper banners={banners} />
    </Suspense>
  );
}
