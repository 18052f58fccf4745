import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { MomentsKind, MomentsPostAdminView, MomentsPostInput } from '@cloud/contract';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { formatMonthDay } from '@/utils/format';
import { shiftDay } from '@/utils/shift-day';
import { EditorFrame, useSubmit } from '../components/EditorParts';
import { ChoiceField, NumberField, PickField, TextField } from '../components/Fields';
import ListSkeleton from '../components/ListSkeleton';
import { useEditForm } from '../components/use-edit-form';
import TextAreaField from './TextAreaField';

const KINDS: ReadonlyArray<{ value: MomentsKind; name: string }> = [
  { value: 'persona', name: 'IP 人设' },
  { value: 'seeding', name: '种草' },
  { value: 'brand', name: '品牌' },
  { value: 'welfare', name: '福利' },
];

const ACTIVE = [
  { value: true, name: '导购可见' },
  { value: false, name: '撤下' },
] as const;

const WARNINGS = { none: '这天还没有内容', too_many: '超过 3 条，好友会被刷屏' } as const;

function toInput(p: MomentsPostAdminView): MomentsPostInput {
  const { kindName: _kind, productName: _product, postedBy: _posted, ...input } = p;
  return input;
}

function MomentsEditor({ initial, productName, onSaved, onBack }: { initial: MomentsPostInput; productName: string | null; onSaved(): void; onBack(): void }) {
  const form = useEditForm<MomentsPostInput>(initial);
  const [images, setImages] = useState(initial.images.join('\n'));
  const products = useCall(() => call('admin', 'products', {}), []);
  const submit = useSubmit(form, 'post', (post) => call('admin', 'saveMomentsPost', { post }), onSaved);
  const options = (products.data?.items ?? []).map((p) => ({ value: p.id, name: p.name, sub: p.categoryName }));
  const current = initial.productId && productName && !options.some((o) => o.value === initial.productId) ? [{ value: initial.productId, name: productName }] : [];
  const imageError = form.errorsUnder('images') > 0 ? '图片地址有误：请填写 https:// 或 /catalog-images/ 开头的地址' : undefined;
  return (
    <EditorFrame back='返回朋友圈日历' submit={submit} onBack={onBack} status={<Text className='admin-editor__preview'>{form.value!.day}</Text>}>
      <View className='admin-editor__card'>
        <TextField form={form} path='day' label='日期' maxlength={10} placeholder='2026-12-01' />
        <ChoiceField form={form} path='kind' label='类型' choices={KINDS} />
        <TextAreaField form={form} path='body' label='文案' maxlength={1000} placeholder='导购复制后发朋友圈的文字' />
        <TextAreaField
          form={form}
          path='images'
          label='图片'
          maxlength={3000}
          placeholder='每行一个图片地址，最多 9 张'
          value={images}
          hint={imageError}
          onInput={(text) => {
            setImages(text);
            form.setList(
              'images',
              text.split('\n').map((l) => l.trim()).filter(Boolean),
            );
          }}
        />
        <PickField form={form} path='productId' label='关联商品' none='不关联' options={[...current, ...options]} loading={products.loading} loadError={products.error} />
        <NumberField form={form} path='position' label='排序' hint='同一天里数字小的排在前面' />
        <ChoiceField form={form} path='active' label='状态' choices={ACTIVE} />
      </View>
    </EditorFrame>
  );
}

/**
 * 朋友圈日历: the week's posts day by day, the mix of kinds (IP 人设 / 种草 / 品牌 / 福利) and the
 * days with none or more than 3; a post edited or a new one written for a day.
 */
export default function MomentsTab() {
  const [day, setDay] = useState<string | null>(null);
  const week = useCall(() => call('admin', 'momentsWeek', day ? { day } : {}), [day]);
  const [editing, setEditing] = useState<{ input: MomentsPostInput; productName: string | null } | null>(null);
  const data = week.data;

  if (editing) {
    return (
      <MomentsEditor
        initial={editing.input}
        productName={editing.productName}
        onBack={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void week.reload();
        }}
      />
    );
  }
  const fresh = (forDay: string): MomentsPostInput => ({ day: forDay, kind: 'seeding', body: '', images: [], productId: null, position: 0, active: true });
  const firstEmpty = data?.days.find((d) => d.warning === 'none')?.day ?? data?.days[0]?.day;

  return (
    <View className='admin-content__moments'>
      <View className='admin-content__week'>
        <Text className='admin-content__arrow' onClick={() => data && setDay(shiftDay(data.days[0]!.day, -7))}>
          ‹ 上周
        </Text>
        <Text className='admin-content__range'>{data ? `${formatMonthDay(data.days[0]!.day)} – ${formatMonthDay(data.days[6]!.day)}` : ''}</Text>
        <Text className='admin-content__arrow' onClick={() => data && setDay(shiftDay(data.days[0]!.day, 7))}>
          下周 ›
        </Text>
      </View>
      <Button className='admin-editor__new' onClick={() => firstEmpty && setEditing({ input: fresh(firstEmpty), productName: null })}>
        新建朋友圈内容
      </Button>
      {data ? (
        <>
          <View className='admin-editor__card admin-content__mix'>
            <Text className='admin-content__mix-title'>本周类型分布</Text>
            <View className='admin-content__mix-kinds'>
              {data.mix.map((m) => (
                <View key={m.kind} className='admin-content__mix-kind' data-kind={m.kind}>
                  <Text className='admin-content__mix-count'>{m.count}</Text>
                  <Text className='admin-content__mix-name'>{m.name}</Text>
                </View>
              ))}
            </View>
            {data.days.some((d) => d.warning) && (
              <View className='admin-content__warnings'>
                {data.days
                  .filter((d) => d.warning)
                  .map((d) => (
                    <Text key={d.day} className='admin-content__warning' data-day={d.day}>
                      {formatMonthDay(d.day)}{d.weekday}：{WARNINGS[d.warning!]}
                    </Text>
                  ))}
              </View>
            )}
          </View>
          {data.days.map((d) => (
            <View key={d.day} className='admin-editor__card admin-content__day' data-day={d.day}>
              <View className='admin-editor__line'>
                <Text className='admin-editor__name'>
                  {formatMonthDay(d.day)} {d.weekday}
                </Text>
                <Text className='admin-content__add' onClick={() => setEditing({ input: fresh(d.day), productName: null })}>
                  + 添加
                </Text>
              </View>
              {d.posts.length === 0 && <Text className='admin-editor__figures'>还没有内容</Text>}
              {d.posts.map((p) => (
                <View key={p.id} className='admin-content__post' data-moments-post={p.id} onClick={() => setEditing({ input: toInput(p), productName: p.productName })}>
                  <Text className={`admin-content__kind ${p.active ? '' : 'admin-content__kind--off'}`}>{p.active ? p.kindName : '已撤下'}</Text>
                  <Text className='admin-content__body'>{p.body}</Text>
                  <Text className='admin-editor__figures'>
                    {p.images.length} 张图{p.productName ? ` · ${p.productName}` : ''} · {p.postedBy} 位导购已发
                  </Text>
                </View>
              ))}
            </View>
          ))}
        </>
      ) : week.error ? (
        <View className='admin-list admin-list__msg' onClick={() => void week.reload()}>
          {week.error}，点击重试
        </View>
      ) : (
        <ListSkeleton rows={3} />
      )}
    </View>
  );
}
