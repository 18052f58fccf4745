import { Swiper, SwiperItem } from '@tarojs/components';
import Banner, { type BannerView } from './banner';

/** The banners turning every 4 s. */
export default function BannerSwiper({ banners }: { banners: BannerView[] }) {
  return (
    // Swiper's loop mode needs three slides or more.
    <Swiper className='home-banners' autoplay={banners.length > 1} circular={banners.length > 2} indicatorDots={banners.length > 1} interval={4000}>
      {banners.map((b) => (
        <SwiperItem key={b.id}>
          <Banner banner={b} />
        </SwiperItem>
      ))}
    </Swiper>
  );
}
