import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { MemberInsight as Insight, MemberTagView } from '@cloud/contract';
import './index.css';

export const TAG_KIND_LABELS: Record<MemberTagView['kind'], string> = { basic: '基础', behaviour: '行为', interest: '兴趣', preference: '偏好' };

interface Props {
  insight: Insight;
  /** Adds a manual tag; answers an error message to show, or null. */
  onTag?: (name: string) => Promise<string | null>;
  onUntag?: (key: string) => Promise<string | null>;
}

/**
 * What segmentation says of one member, for the staff following them up: the value layer, the
 * churn warning in words (「平时约 2 天来一次，已 9 天没来」) and the tags, each with why — a
 * rule's tag says the rule and the values that met it, a manual one who added it.
 */
export default function MemberInsight({ insight, onTag, onUntag }: Props) {
  const [open, setOpen] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setError(await work());
    setBusy(false);
  };

  const add = () => {
    const trimmed = name.trim();
    if (!trimmed || !onTag) return;
    void run(async () => {
      const failed = await onTag(trimmed);
      if (!failed) setName('');
      return failed;
    });
  };

  return (
    <View className='member-insight'>
      <View className='member-insight__head'>
        <Text className='member-insight__label'>会员分层</Text>
        {insight.layer ? (
          <Text className={`member-insight__layer member-insight__layer--${insight.layer.key}`}>{insight.layer.name}</Text>
        ) : (
          <Text className='member-insight__none'>今晚分层后可见</Text>
        )}
      </View>
      {insight.churn.risk && insight.churn.reason && (
        <View className='member-insight__churn' role='alert'>
          流失预警：{insight.churn.reason}
        </View>
      )}
      <View className='member-insight__tags'>
        {insight.tags.length === 0 && <Text className='member-insight__none'>还没有标签</Text>}
        {insight.tags.map((t) => (
          <View key={t.key} className={`member-insight__tag member-insight__tag--${t.source}`} data-tag={t.key} onClick={() => setOpen(open === t.key ? null : t.key)}>
            <Text>{t.name}</Text>
            {t.source === 'manual' && onUntag && (
              <Text
                className='member-insight__remove'
                aria-label={`删除标签 ${t.name}`}
                onClick={(e) => {
                  e.stopPropagation();
                  if (!busy) void run(() => onUntag(t.key));
                }}
              >
                ×
              </Text>
            )}
          </View>
        ))}
      </View>
      {open && (
        <View className='member-insight__why'>
          {(() => {
            const tag = insight.tags.find((t) => t.key === open);
            return tag ? `${TAG_KIND_LABELS[tag.kind]}标签 · ${tag.why}` : null;
          })()}
        </View>
      )}
      {onTag && (
        <View className='member-insight__add'>
          <Input
            className='member-insight__input'
            value={name}
            maxlength={12}
            placeholder='添加标签，如：爱穿连衣裙'
            onInput={(e) => setName(e.detail.value)}
            onConfirm={add}
          />
          <View className={`member-insight__button ${busy || !name.trim() ? 'member-insight__button--off' : ''}`} onClick={add}>
            添加
          </View>
        </View>
      )}
      {error && <View className='member-insight__error'>{error}</View>}
    </View>
  );
}
