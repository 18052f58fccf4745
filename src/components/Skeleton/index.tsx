import { View } from '@tarojs/components';
import './index.css';

export interface SkeletonProps {
  /** Sizes the block (e.g. 'skeleton--num' in the component's own CSS). */
  className?: string;
  /** On a coloured card: a light block instead of a grey one. */
  light?: boolean;
}

/**
 * Where a figure will be once the server answered: a block, never a number that looks real
 * (「连续签到 0 天」 before the answer reads as a fact).
 */
export default function Skeleton({ className = '', light = false }: SkeletonProps) {
  return <View className={`skeleton ${light ? 'skeleton--light' : ''} ${className}`} aria-hidden />;
}
