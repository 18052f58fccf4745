/**
 * The rule editor's catalogue (cloud/domain/rule-catalogue.ts, imported by the app) says what
 * the server's rule language says: every field of FACT_FIELDS once, with its label, type, unit
 * and options; for each type exactly the operators the rule schema takes; the value layers —
 * and a condition built from any catalogue entry passes the schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACT_FIELDS, FACT_FIELD_KEYS, type FactField } from '@cloud/domain/member-facts';
import { RULE_FIELDS, RULE_LAYERS, RULE_OPS, type RuleField, type RuleFieldType } from '@cloud/domain/rule-catalogue';
import { segmentRuleSchema } from '@cloud/domain/segment-rule';
import { LAYER_KEYS, LAYER_NAMES } from '@cloud/domain/value-layers';

const def = (key: string): FactField => (FACT_FIELDS as Record<string, FactField>)[key]!;

/** A value the field takes for the operator. */
function sampleValue(field: RuleField, op: string): unknown {
  if (field.type === 'boolean') return true;
  if (field.type === 'number') return op === 'between' ? [1, 5] : field.percent ? 0.5 : 3;
  const one = field.options?.[0]?.value ?? '童装';
  return op === 'in' || op === 'hasAny' ? [one] : one;
}

describe('rule catalogue', () => {
  it('lists every fact field once, with the server’s label, type, unit and options', () => {
    expect(RULE_FIELDS.map((f) => f.key).sort()).toEqual([...FACT_FIELD_KEYS].sort());
    for (const field of RULE_FIELDS) {
      const server = def(field.key);
      expect({ key: field.key, label: field.label, type: field.type, unit: field.unit }).toEqual({
        key: field.key,
        label: server.label,
        type: server.type,
        unit: server.unit,
      });
      expect(field.options?.map((o) => o.value)).toEqual(server.options ? [...server.options] : undefined);
      for (const o of field.options ?? []) expect(o.name).toBe(server.optionNames![o.value]);
      expect(!!field.percent).toBe(server.label.endsWith('占比'));
    }
  });

  it('offers for each type exactly the operators the schema accepts', () => {
    const allOps = ['gte', 'lte', 'gt', 'lt', 'eq', 'ne', 'between', 'in', 'has', 'hasAny', 'is'];
    for (const field of RULE_FIELDS) {
      const offered = RULE_OPS[field.type as RuleFieldType].map((o) => o.op);
      for (const op of allOps) {
        const parsed = segmentRuleSchema.safeParse({ field: field.key, op, value: sampleValue(field, op) });
        expect({ field: field.key, op, accepted: parsed.success }).toEqual({ field: field.key, op, accepted: offered.includes(op as never) });
      }
    }
  });

  it('names the value layers as the server does, in its order', () => {
    expect(RULE_LAYERS.map((l) => l.value)).toEqual([...LAYER_KEYS]);
    for (const l of RULE_LAYERS) expect(l.name).toBe(LAYER_NAMES[l.value as keyof typeof LAYER_NAMES]);
  });

  it('imports nothing (the app bundles it)', () => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../cloud/domain/rule-catalogue.ts'), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
  });
});
