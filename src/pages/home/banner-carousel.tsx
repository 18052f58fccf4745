/**
 * The banner carousel: the swiper itself in weapp (and in the component tests). The H5 build
 * takes banner-carousel.h5.tsx instead (Taro picks the platform's file), which loads the swiper
 * after the first screen.
 */
export { default } from './banner-swiper';
