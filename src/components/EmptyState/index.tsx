import { Button, View } from '@tarojs/components';
import { openPage } from '@/services/navigation';
import './index.css';

export interface EmptyStateAction {
  text: string;
  /** The page the step opens (a tab page is switched to). */
  url?: string;
  /** A step taken on this page instead (e.g. 邀请好友 on the invite page). */
  onClick?(): void;
  /** weapp: the button opens WeChat's share sheet (the page's onShareAppMessage). */
  openType?: 'share';
}

export interface EmptyStateProps {
  /** What is not there yet, e.g. 还没有订单. */
  text: string;
  /** The next step, e.g. 去逛逛. */
  action?: EmptyStateAction;
  /** Inside a card or a section: less room above and below. */
  compact?: boolean;
}

/** A list with nothing in it: says so, and offers the step that fills it. */
export default function EmptyState({ text, action, compact = false }: EmptyStateProps) {
  const take = () => {
    if (!action) return;
    if (action.onClick) action.onClick();
    else if (action.url) void openPage(action.url);
  };
  return (
    <View className={`empty-state ${compact ? 'empty-state--compact' : ''}`}>
      <View className='empty-state__text'>{text}</View>
      {action && (
        <Button
          className='empty-state__action'
          size='mini'
          {...(process.env.TARO_ENV === 'weapp' && action.openType ? { openType: action.openType } : {})}
          onClick={take}
        >
          {action.text}
        </Button>
      )}
    </View>
  );
}
