/**
 * What the list-and-edit screens (抽奖活动, 券模板, 积分商城) share: the list in its states with
 * 新建 above it, the editor's frame with 返回 and the bar with 保存, and the save itself — the
 * server's message kept per field and shown under 保存.
 */
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import EmptyState from '@/components/EmptyState';
import type { CallState } from '@/hooks/use-call';
import { messageOf } from '@/services/errors';
import { flag } from '@/utils/flag';
import ListSkeleton from './ListSkeleton';
import type { EditForm } from './use-edit-form';
import './list.css';
import './editor.css';

/** Which item is open in the editor (with what the editor needs beside it), and a saved one put first in the list. */
export function useEditing<T extends { id: string }, E>(list: CallState<T[]>) {
  const [editing, setEditing] = useState<E | null>(null);
  return {
    editing,
    open: (e: E) => setEditing(e),
    close: () => setEditing(null),
    saved(item: T) {
      list.setData((items) => [item, ...(items ?? []).filter((x) => x.id !== item.id)]);
      setEditing(null);
    },
  };
}

/**
 * Sends the form's value; 已保存 and `onSaved` on success, else the server's messages at their
 * fields and under 保存. `under`: the params key the value is sent at (campaign, template, item).
 */
export function useSubmit<T, R>(form: EditForm<T>, under: string, send: (value: T) => Promise<R>, onSaved: (saved: R) => void) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const submit = async () => {
    if (busy || form.value === null) return;
    setBusy(true);
    setRefusal(null);
    try {
      const saved = await send(form.value);
      void Taro.showToast({ title: '已保存', icon: 'none', duration: 2000 });
      onSaved(saved);
    } catch (err) {
      form.refused(err, under);
      setRefusal(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, refusal, submit };
}

export interface EditorFrameProps {
  /** Where 返回 goes, as it says it: 返回活动列表. */
  back: string;
  submit: ReturnType<typeof useSubmit>;
  /** 保存 waits for this (odds at 100%, a campaign not yet started). */
  canSave?: boolean;
  /** What the bar says beside 保存 (the odds' total, the price). */
  status: ReactNode;
  onBack(): void;
  children: ReactNode;
}

export function EditorFrame({ back, submit, canSave = true, status, onBack, children }: EditorFrameProps) {
  return (
    <View className='admin-editor__editor'>
      <View className='admin-editor__back' onClick={onBack}>
        ‹ {back}
      </View>
      {children}
      <View className='admin-editor__bar'>
        <View className='admin-editor__bar-texts'>
          {status}
          {submit.refusal && <Text className='admin-editor__refusal'>{submit.refusal}</Text>}
        </View>
        <Button
          className='admin-editor__save'
          size='mini'
          loading={flag(submit.busy)}
          disabled={flag(submit.busy || !canSave)}
          onClick={() => {
            if (canSave) void submit.submit();
          }}
        >
          保存
        </Button>
      </View>
    </View>
  );
}

export interface EditorListProps<T> {
  list: CallState<T[]>;
  newText: string;
  empty: string;
  onNew(): void;
  children(item: T): ReactNode;
}

/** 新建 and the items, or the list's skeleton, its emptiness, or why it did not load (点击重试). */
export function EditorList<T>({ list, newText, empty, onNew, children }: EditorListProps<T>) {
  return (
    <>
      <Button className='admin-editor__new' onClick={onNew}>
        {newText}
      </Button>
      {list.data ? (
        list.data.length === 0 ? (
          <View className='admin-list'>
            <EmptyState compact text={empty} />
          </View>
        ) : (
          list.data.map(children)
        )
      ) : list.error ? (
        <View className='admin-list admin-list__msg' onClick={() => void list.reload()}>
          {list.error}，点击重试
        </View>
      ) : (
        <ListSkeleton rows={3} />
      )}
    </>
  );
}
