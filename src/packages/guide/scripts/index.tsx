import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ScriptCategory, ScriptView } from '@cloud/contract';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import './index.css';

/** Typing settles this long before the library is searched. */
const SEARCH_DELAY_MS = 300;

/** The most copied first; equal counts keep their order. */
const ranked = (items: ScriptView[]) => [...items].sort((a, b) => b.copies - a.copies);

/**
 * 话术库: answers to members' questions by category, searchable; 复制 puts the answer on the
 * clipboard and counts the copy, so the answers guides reach for most come first.
 */
export function GuideScriptsScreen() {
  const [category, setCategory] = useState<ScriptCategory | null>(null);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const library = useCall(
    () => call('guide', 'scripts', { ...(category ? { category } : {}), ...(search ? { search } : {}) }),
    [category, search],
  );

  const copy = async (script: ScriptView) => {
    try {
      await Taro.setClipboardData({ data: script.answer });
    } catch {
      void Taro.showToast({ title: '复制失败，请长按文字复制', icon: 'none' });
      return;
    }
    try {
      const counted = await call('guide', 'copyScript', { scriptId: script.id });
      library.setData((d) => d && { ...d, items: ranked(d.items.map((s) => (s.id === counted.scriptId ? { ...s, copies: counted.copies } : s))) });
    } catch {
      // The answer is on the clipboard: a copy that was not counted costs the guide nothing.
    }
  };

  const data = library.data;
  const total = data ? data.categories.reduce((n, c) => n + c.count, 0) : 0;
  return (
    <View className='app-page guide-scripts'>
      <View className='guide-scripts__search'>
        <Input className='guide-scripts__input' value={typed} placeholder='搜索问题或回答，如 偏码、退货' maxlength={20} onInput={(e) => setTyped(e.detail.value)} />
      </View>
      <View className='guide-scripts__tabs' role='tablist'>
        {[{ key: null, name: '全部', count: total }, ...(data?.categories ?? [])].map((c) => (
          <View
            key={c.key ?? 'all'}
            className={`guide-scripts__tab ${c.key === category ? 'guide-scripts__tab--on' : ''}`}
            role='tab'
            aria-selected={c.key === category}
            data-category={c.key ?? 'all'}
            onClick={() => setCategory(c.key)}
          >
            {c.name}
            {data ? ` ${c.count}` : ''}
          </View>
        ))}
      </View>
      {data ? (
        data.items.length === 0 ? (
          total === 0 ? (
            <EmptyState text='话术库还是空的：请运营在「运营 › 导购内容 › 话术库」里添加常见问题的回答' />
          ) : (
            <EmptyState text={search ? `没有找到“${search}”相关的话术，换个关键词试试` : '这个分类还没有话术'} />
          )
        ) : (
          <View className='guide-scripts__list'>
            {data.items.map((s) => (
              <View key={s.id} className='guide-scripts__item' data-script={s.id}>
                <View className='guide-scripts__head'>
                  <Text className='guide-scripts__category'>{s.categoryName}</Text>
                  <Text className='guide-scripts__question'>{s.question}</Text>
                </View>
                <Text className='guide-scripts__answer' userSelect>
                  {s.answer}
                </Text>
                <View className='guide-scripts__foot'>
                  <Text className='guide-scripts__copies'>已复制 {s.copies} 次</Text>
                  <Button className='guide-scripts__copy' size='mini' onClick={() => void copy(s)}>
                    复制
                  </Button>
                </View>
              </View>
            ))}
          </View>
        )
      ) : library.error ? (
        <View className='guide-scripts__msg' onClick={() => void library.reload()}>
          {library.error}，点击重试
        </View>
      ) : (
        <View className='guide-scripts__list' aria-busy>
          {[0, 1, 2].map((i) => (
            <View key={i} className='guide-scripts__item'>
              <Skeleton className='guide-scripts__skeleton-title' />
              <Skeleton className='guide-scripts__skeleton-line' />
              <Skeleton className='guide-scripts__skeleton-line' />
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

export default function GuideScriptsPage() {
  return (
    <SessionGate>
      <GuideScriptsScreen />
    </SessionGate>
  );
}
