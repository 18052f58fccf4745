import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { TagDefinitionView } from '@cloud/contract';
import { RULE_FIELD_GROUPS, RULE_LAYERS, RULE_OPS, ruleField, type RuleOp } from '@cloud/domain/rule-catalogue';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import OptionSheet, { type SheetOption } from './OptionSheet';
import { TAG_KIND_NAMES } from './labels';
import {
  fieldDraft,
  groupDraft,
  layerDraft,
  MAX_GROUP_DEPTH,
  tagDraft,
  updateNode,
  withField,
  withOp,
  type FieldDraft,
  type GroupDraft,
  type NodeDraft,
} from './rule-draft';
import './RuleEditor.css';

type SheetKind = 'field' | 'op' | 'value' | 'tag' | 'layer';
interface SheetState {
  kind: SheetKind;
  nodeId: string;
}

export interface RuleEditorProps {
  draft: GroupDraft;
  onChange(draft: GroupDraft): void;
  /** The tags a condition may name (admin.tags), for their names and the tag picker. */
  tags: readonly TagDefinitionView[] | null;
  tagsError?: string | null;
}

const FIELD_OPTIONS: SheetOption[] = RULE_FIELD_GROUPS.flatMap((g) =>
  g.fields.map((f) => ({ value: f.key, name: f.label, group: g.name, ...(f.unit ? { sub: `单位：${f.unit}` } : f.percent ? { sub: '百分比' } : {}) })),
);

const opName = (type: keyof typeof RULE_OPS, op: RuleOp | null) => RULE_OPS[type].find((o) => o.op === op)?.name ?? '选择条件';

function find(node: NodeDraft, id: string): NodeDraft | null {
  if (node.id === id) return node;
  if (node.kind !== 'group') return null;
  for (const c of node.children) {
    const hit = find(c, id);
    if (hit) return hit;
  }
  return null;
}

/**
 * The rule of a segment, built by tapping: groups that need all or any of their conditions, each
 * condition a field of the read model with an operator valid for its type and a value (a number,
 * an option, categories, 是/否), a tag or value layers; any of them negated (非), groups nested.
 */
export default function RuleEditor({ draft, onChange, tags, tagsError }: RuleEditorProps) {
  const [sheet, setSheet] = useState<SheetState | null>(null);
  const sheetNode = sheet ? find(draft, sheet.nodeId) : null;
  // The catalogue's categories, asked for when a category picker first opens.
  const needsCategories = sheet?.kind === 'value' && sheetNode?.kind === 'field' && !!sheetNode.field && !!ruleField(sheetNode.field)?.categories;
  const categories = useCall(() => (needsCategories ? call('admin', 'categories', {}) : Promise.resolve(null)), [needsCategories]);

  const change = (id: string, make: (node: NodeDraft) => NodeDraft | null) => onChange(updateNode(draft, id, make));
  const open = (kind: SheetKind, nodeId: string) => setSheet({ kind, nodeId });
  const tagName = (key: string | null) => (key ? (tags?.find((t) => t.key === key)?.name ?? key) : null);

  const valueView = (node: FieldDraft) => {
    const def = node.field ? ruleField(node.field) : undefined;
    if (!def || !node.op) return null;
    const setValues = (values: string[]) => change(node.id, (n) => ({ ...(n as FieldDraft), values }));
    if (def.type === 'boolean') {
      const yes = node.values[0] !== 'false';
      return (
        <View className='rule-editor__bool'>
          <Text className={`rule-editor__chip ${yes ? 'rule-editor__chip--on' : ''}`} onClick={() => setValues(['true'])}>
            是
          </Text>
          <Text className={`rule-editor__chip ${!yes ? 'rule-editor__chip--on' : ''}`} onClick={() => setValues(['false'])}>
            否
          </Text>
        </View>
      );
    }
    if (def.type === 'number') {
      const unit = def.percent ? '%' : (def.unit ?? '');
      const input = (i: number, placeholder: string) => (
        <Input
          className={`rule-editor__number rule-editor__number--${i}`}
          type='digit'
          value={node.values[i] ?? ''}
          placeholder={placeholder}
          onInput={(e) => {
            const next = [...node.values];
            while (next.length <= i) next.push('');
            next[i] = e.detail.value;
            setValues(next);
          }}
        />
      );
      return (
        <View className='rule-editor__value'>
          {node.op === 'between' ? (
            <>
              {input(0, '下限')}
              <Text className='rule-editor__to'>至</Text>
              {input(1, '上限')}
            </>
          ) : (
            input(0, '数值')
          )}
          {unit && <Text className='rule-editor__unit'>{unit}</Text>}
        </View>
      );
    }
    if (def.type === 'text' && !def.options) {
      const many = node.op === 'in';
      return (
        <View className='rule-editor__value'>
          <Input
            className='rule-editor__text'
            value={many ? node.values.join('，') : (node.values[0] ?? '')}
            maxlength={many ? 200 : 40}
            placeholder={many ? '多个值用逗号分隔' : '填写值'}
            onInput={(e) => setValues(many ? e.detail.value.split(/[,，、]/) : [e.detail.value])}
          />
        </View>
      );
    }
    // Options or categories: picked from a sheet.
    const names = node.values.map((v) => def.options?.find((o) => o.value === v)?.name ?? v);
    return (
      <View className='rule-editor__value'>
        <Text className={`rule-editor__pick rule-editor__pick--value ${names.length ? '' : 'rule-editor__pick--empty'}`} onClick={() => open('value', node.id)}>
          {names.length ? names.join('、') : def.categories ? '选择品类' : '选择值'}
        </Text>
      </View>
    );
  };

  const nodeHead = (node: NodeDraft, removable: boolean) => (
    <>
      <Text
        className={`rule-editor__not ${node.negate ? 'rule-editor__not--on' : ''}`}
        aria-label='非'
        onClick={() => change(node.id, (n) => ({ ...n, negate: !n.negate }))}
      >
        非
      </Text>
      {removable && (
        <Text className='rule-editor__remove' aria-label='删除' onClick={() => change(node.id, () => null)}>
          ×
        </Text>
      )}
    </>
  );

  const conditionView = (node: Exclude<NodeDraft, GroupDraft>) => {
    let body;
    if (node.kind === 'tag') {
      body = (
        <>
          <Text className='rule-editor__kind'>标签</Text>
          <Text className={`rule-editor__pick rule-editor__pick--tag ${node.tag ? '' : 'rule-editor__pick--empty'}`} onClick={() => open('tag', node.id)}>
            {tagName(node.tag) ?? '选择标签'}
          </Text>
        </>
      );
    } else if (node.kind === 'layer') {
      body = (
        <>
          <Text className='rule-editor__kind'>分层是</Text>
          <Text className={`rule-editor__pick rule-editor__pick--layer ${node.layers.length ? '' : 'rule-editor__pick--empty'}`} onClick={() => open('layer', node.id)}>
            {node.layers.length ? node.layers.map((l) => RULE_LAYERS.find((x) => x.value === l)?.name ?? l).join('、') : '选择分层'}
          </Text>
        </>
      );
    } else {
      const def = node.field ? ruleField(node.field) : undefined;
      body = (
        <>
          <Text className={`rule-editor__pick rule-editor__pick--field ${def ? '' : 'rule-editor__pick--empty'}`} onClick={() => open('field', node.id)}>
            {def?.label ?? '选择字段'}
          </Text>
          {def && def.type !== 'boolean' && (
            <Text className='rule-editor__pick rule-editor__pick--op' onClick={() => open('op', node.id)}>
              {opName(def.type, node.op)}
            </Text>
          )}
          {valueView(node)}
        </>
      );
    }
    return (
      <View key={node.id} className={`rule-editor__condition rule-editor__condition--${node.kind}`} data-node={node.id}>
        <View className='rule-editor__condition-body'>{body}</View>
        <View className='rule-editor__condition-tools'>{nodeHead(node, true)}</View>
      </View>
    );
  };

  const groupView = (node: GroupDraft, depth: number): JSX.Element => (
    <View key={node.id} className={`rule-editor__group rule-editor__group--depth${depth}`} data-node={node.id}>
      <View className='rule-editor__group-head'>
        <View className='rule-editor__modes'>
          <Text className={`rule-editor__mode rule-editor__mode--all ${node.mode === 'all' ? 'rule-editor__mode--on' : ''}`} onClick={() => change(node.id, (n) => ({ ...(n as GroupDraft), mode: 'all' }))}>
            满足全部
          </Text>
          <Text className={`rule-editor__mode rule-editor__mode--any ${node.mode === 'any' ? 'rule-editor__mode--on' : ''}`} onClick={() => change(node.id, (n) => ({ ...(n as GroupDraft), mode: 'any' }))}>
            满足任一
          </Text>
        </View>
        {depth > 1 && <View className='rule-editor__condition-tools'>{nodeHead(node, true)}</View>}
      </View>
      {node.negate && <View className='rule-editor__negated'>不满足以下条件</View>}
      {node.children.map((child) => (child.kind === 'group' ? groupView(child, depth + 1) : conditionView(child)))}
      <View className='rule-editor__adds'>
        <Text className='rule-editor__add rule-editor__add--field' onClick={() => change(node.id, (n) => ({ ...(n as GroupDraft), children: [...(n as GroupDraft).children, fieldDraft()] }))}>
          + 条件
        </Text>
        <Text className='rule-editor__add rule-editor__add--tag' onClick={() => change(node.id, (n) => ({ ...(n as GroupDraft), children: [...(n as GroupDraft).children, tagDraft()] }))}>
          + 标签
        </Text>
        <Text className='rule-editor__add rule-editor__add--layer' onClick={() => change(node.id, (n) => ({ ...(n as GroupDraft), children: [...(n as GroupDraft).children, layerDraft()] }))}>
          + 分层
        </Text>
        {depth < MAX_GROUP_DEPTH && (
          <Text
            className='rule-editor__add rule-editor__add--group'
            onClick={() => change(node.id, (n) => ({ ...(n as GroupDraft), children: [...(n as GroupDraft).children, groupDraft(node.mode === 'all' ? 'any' : 'all', [fieldDraft()])] }))}
          >
            + 条件组
          </Text>
        )}
      </View>
    </View>
  );

  const sheetView = () => {
    const node = sheetNode;
    if (!sheet || !node) return null;
    const close = () => setSheet(null);
    if (sheet.kind === 'field' && node.kind === 'field') {
      return (
        <OptionSheet
          title='选择字段'
          options={FIELD_OPTIONS}
          selected={node.field ? [node.field] : []}
          onPick={([key]) => {
            change(node.id, (n) => withField(n as FieldDraft, key!));
            close();
          }}
          onClose={close}
        />
      );
    }
    if (sheet.kind === 'op' && node.kind === 'field' && node.field) {
      const def = ruleField(node.field)!;
      return (
        <OptionSheet
          title={`「${def.label}」的条件`}
          options={RULE_OPS[def.type].map((o) => ({ value: o.op, name: o.name }))}
          selected={node.op ? [node.op] : []}
          onPick={([op]) => {
            change(node.id, (n) => withOp(n as FieldDraft, op as RuleOp));
            close();
          }}
          onClose={close}
        />
      );
    }
    if (sheet.kind === 'value' && node.kind === 'field' && node.field) {
      const def = ruleField(node.field)!;
      const multiple = node.op === 'in' || node.op === 'hasAny';
      const options: SheetOption[] = def.categories ? (categories.data ?? []).map((c) => ({ value: c.name, name: c.name })) : [...(def.options ?? [])];
      return (
        <OptionSheet
          title={def.label}
          options={options}
          multiple={multiple}
          loading={def.categories ? categories.loading && !categories.data : false}
          error={def.categories ? categories.error : null}
          empty={def.categories ? '还没有商品品类' : '没有可选项'}
          selected={node.values}
          onPick={(values) => {
            change(node.id, (n) => ({ ...(n as FieldDraft), values }));
            close();
          }}
          onClose={close}
        />
      );
    }
    if (sheet.kind === 'tag' && node.kind === 'tag') {
      return (
        <OptionSheet
          title='选择标签'
          loading={tags === null && !tagsError}
          error={tagsError}
          empty='还没有标签'
          options={(tags ?? []).map((t) => ({ value: t.key, name: t.name, sub: `${t.members} 人`, group: `${TAG_KIND_NAMES[t.kind] ?? t.kind}${t.source === 'manual' ? ' · 手动' : ''}` }))}
          selected={node.tag ? [node.tag] : []}
          onPick={([key]) => {
            change(node.id, (n) => ({ ...n, tag: key ?? null }) as NodeDraft);
            close();
          }}
          onClose={close}
        />
      );
    }
    if (sheet.kind === 'layer' && node.kind === 'layer') {
      return (
        <OptionSheet
          title='选择分层'
          options={RULE_LAYERS}
          multiple
          selected={node.layers}
          onPick={(layers) => {
            change(node.id, (n) => ({ ...n, layers }) as NodeDraft);
            close();
          }}
          onClose={close}
        />
      );
    }
    return null;
  };

  return (
    <View className='rule-editor'>
      {groupView(draft, 1)}
      {sheetView()}
    </View>
  );
}
