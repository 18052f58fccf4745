/**
 * One chart of the 数据 screen: uCharts (@qiun/ucharts, plain canvas) drawing on the weapp's
 * `<Canvas type="2d">` node (found with a selector query) or, in H5, on a <canvas> of our own —
 * Taro's H5 Canvas resets its pixels to its CSS size whenever it renders again. Lives in the admin subpackage only: the library must never
 * reach the main package. A chart with nothing to draw says so instead of a blank canvas; new
 * data redraws it; a touch shows the values under the finger.
 */
import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import UCharts, { type UChartsLook, type UChartsOptions } from '@qiun/ucharts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { IS_WEAPP } from '@/services/config';
import './index.css';

export type ChartType = 'line' | 'column' | 'area' | 'ring';

export interface ChartSeries {
  name: string;
  /** One value per category (line, column, area), or the slice's value (ring). */
  data: number | Array<number | null>;
  color?: string;
}

export interface ChartData {
  categories: string[];
  series: ChartSeries[];
}

/** uCharts options beyond the data (its `extra`, axes, legend …), merged over the defaults. */
export type ChartOptions = UChartsLook;

export interface ChartProps extends ChartData {
  type: ChartType;
  options?: ChartOptions;
  /** What the chart shows, for screen readers (the section names it for everyone else). */
  label: string;
  /** Said in place of the chart when there is nothing to draw. */
  emptyText?: string;
}

/** The brand's orange first, then colours that stay apart from it and from each other. */
export const CHART_COLORS = ['#e8532b', '#1890ff', '#91cb74', '#fac858', '#73c0de', '#9a60b4', '#3ca272', '#fc8452'];

/** Nothing to draw: no series, no categories to put them on, or every value nought. */
export function isEmptyChart({ categories, series }: ChartData, type: ChartType): boolean {
  if (series.length === 0 || (type !== 'ring' && categories.length === 0)) return true;
  return series.every((s) => (Array.isArray(s.data) ? s.data : [s.data]).every((v) => !v));
}

const Y_STEPS = 5;

/**
 * The top of the value axis: five steps of 1, 2, 2.5 or 5 × 10ⁿ (at least 1) over the highest value
 * (the highest stack for stacked columns) — whole ticks for counts, where uCharts would label
 * 0.4, 0.8 … (and cannot be told to round them).
 */
export function axisMax({ categories, series }: ChartData, stacked: boolean): number {
  const values = (s: ChartSeries, i: number) => (Array.isArray(s.data) ? (s.data[i] ?? 0) : 0);
  const highest = Math.max(
    0,
    ...categories.map((_, i) => (stacked ? series.reduce((sum, s) => sum + values(s, i), 0) : Math.max(...series.map((s) => values(s, i))))),
  );
  const raw = highest / Y_STEPS;
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  // 2.5 × 10ⁿ only where it stays whole (25, 250 …).
  const step = (power >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10]).map((m) => m * power).find((candidate) => raw <= candidate)!;
  return Math.max(step, 1) * Y_STEPS;
}

/** The options a chart of `type` is drawn with: the defaults under the caller's. */
export function chartOptions(type: ChartType, { categories, series }: ChartData, options: ChartOptions = {}): ChartOptions {
  const axes = type !== 'ring';
  const stacked = (options.extra?.column as { type?: string } | undefined)?.type === 'stack';
  return {
    color: CHART_COLORS,
    background: '#FFFFFF',
    animation: false,
    fontSize: 11,
    padding: axes ? [12, 12, 4, 4] : [4, 4, 4, 4],
    dataLabel: !axes,
    dataPointShape: categories.length <= 14,
    ...options,
    legend: { show: true, position: 'bottom', fontSize: 11, lineHeight: 14, ...options.legend },
    // A month of days: every label would overlap, six stay readable; a week's all fit.
    xAxis: { disableGrid: true, fontSize: 10, ...(categories.length > 8 ? { labelCount: 6 } : {}), ...options.xAxis },
    yAxis: { gridType: 'dash', dashLength: 4, splitNumber: Y_STEPS, data: [{ min: 0, max: axisMax({ categories, series }, stacked), fontSize: 10 }], ...options.yAxis },
    extra: {
      line: { type: 'curve', width: 2 },
      area: { type: 'curve', opacity: 0.25, addLine: true, gradient: true },
      column: { width: 14, seriesGap: 2 },
      ring: { ringWidth: 22, offsetAngle: -90, labelWidth: 12, border: true, borderWidth: 2, borderColor: '#FFFFFF' },
      tooltip: { showBox: true },
      ...options.extra,
    },
  };
}

/** The 2d canvas node: the weapp's (a node of its own kind) or the browser's <canvas>. */
interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): unknown;
  getBoundingClientRect?(): { left: number; top: number };
}

interface FoundCanvas {
  node: CanvasNode;
  /** Its CSS size. */
  width: number;
  height: number;
}

/** weapp: the node of the `type="2d"` canvas with this id, by a selector query. */
function weappCanvas(id: string): Promise<FoundCanvas | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode | null; width?: number; height?: number } | null>) => {
        const { node, width = 0, height = 0 } = res[0] ?? {};
        resolve(node ? { node, width, height } : null);
      });
  });
}

/** H5: our <canvas>, sized by its CSS. */
function browserCanvas(node: HTMLCanvasElement | null): FoundCanvas | null {
  return node ? { node, width: node.clientWidth, height: node.clientHeight } : null;
}

/** The canvas once the page has rendered and sized it; none when it never does. */
async function findCanvas(id: string, host: () => HTMLCanvasElement | null): Promise<FoundCanvas | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const found = IS_WEAPP ? await weappCanvas(id) : browserCanvas(host());
    if (found && found.width > 0 && found.height > 0) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

/** Canvas pixels per CSS pixel: sharp on a phone's screen, at most 3 (a weapp canvas has a size limit). */
function pixelRatio(): number {
  const ratio = IS_WEAPP ? Taro.getWindowInfo().pixelRatio : window.devicePixelRatio;
  return Math.min(Math.max(ratio || 1, 1), 3);
}

let lastId = 0;

export default function Chart({ type, categories, series, options, label, emptyText = '暂无数据' }: ChartProps) {
  const [id] = useState(() => `admin-chart-${++lastId}`);
  const empty = isEmptyChart({ categories, series }, type);
  const chart = useRef<{ ucharts: UCharts; node: CanvasNode } | null>(null);
  const host = useRef<HTMLCanvasElement | null>(null);
  // What is drawn, as one value: a new answer with the same numbers does not redraw.
  const drawing = useMemo(
    () => JSON.stringify({ type, categories, series, options: chartOptions(type, { categories, series }, options) }),
    [type, categories, series, options],
  );

  // The canvas never came, or the library failed on it: said in words, not a blank box.
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (empty) return;
    let live = true;
    setFailed(false);
    const draw = async () => {
      const found = await findCanvas(id, () => host.current);
      if (!live) return;
      if (!found) throw new Error('no canvas');
      const { node, width, height } = found;
      const ratio = pixelRatio();
      node.width = Math.round(width * ratio);
      node.height = Math.round(height * ratio);
      const context = node.getContext('2d');
      if (!context) throw new Error('no 2d context');
      // uCharts writes into the series it is given (colours, indexes): a copy of ours.
      const drawn = JSON.parse(drawing) as Pick<UChartsOptions, 'type' | 'categories' | 'series'> & { options: ChartOptions };
      const ucharts = new UCharts({
        ...drawn.options,
        type: drawn.type,
        categories: drawn.categories,
        series: drawn.series,
        context,
        canvas2d: true,
        width: node.width,
        height: node.height,
        pixelRatio: ratio,
      });
      chart.current = { ucharts, node };
    };
    draw().catch(() => {
      if (live) setFailed(true);
    });
    return () => {
      live = false;
      chart.current = null;
    };
  }, [id, drawing, empty]);

  // The weapp's touch has x, y on the canvas; the browser's a Touch with clientX, clientY.
  const showTip = (e: { changedTouches?: ArrayLike<{ x?: number; y?: number; clientX?: number; clientY?: number }> }) => {
    const touch = e.changedTouches?.[0];
    const current = chart.current;
    if (!touch || !current) return;
    const r = current.node.getBoundingClientRect?.() ?? { left: 0, top: 0 };
    const at = typeof touch.x === 'number' && typeof touch.y === 'number' ? { x: touch.x, y: touch.y } : { x: (touch.clientX ?? 0) - r.left, y: (touch.clientY ?? 0) - r.top };
    current.ucharts.showToolTip({ changedTouches: [at] });
  };

  return (
    <View className={`admin-chart admin-chart--${type}`} aria-label={label}>
      {empty || failed ? (
        <View className='admin-chart__empty'>{empty ? emptyText : '图表无法显示'}</View>
      ) : IS_WEAPP ? (
        <Canvas type='2d' id={id} className='admin-chart__canvas' onTouchStart={showTip} onTouchMove={showTip} />
      ) : (
        <canvas ref={host} className='admin-chart__canvas' onTouchStart={showTip} onTouchMove={showTip} />
      )}
    </View>
  );
}
