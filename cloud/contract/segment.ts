/** `segment`: the segmentation run — the nightly job's work, also started by operations staff. */
import { z } from 'zod';
import type { SegmentView } from './admin-segments';
import { id, returns } from './primitives';

export interface RecomputeResult {
  /** A whole run: how far it got ('finished', or 'running' when another instance has it). */
  run: { day: string; state: 'finished' | 'paused' | 'failed' | 'running'; counts: Record<string, number>; error: string | null } | null;
  /** One segment: its members computed now. */
  segment: SegmentView | null;
}

export const segment = {
  /** Without segmentId: the read model, layers, tags and every segment for today; with one: that segment now. */
  recompute: { params: z.object({ segmentId: id.optional() }).strict(), result: returns<RecomputeResult>() },
} as const;
