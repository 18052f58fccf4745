/** The part of @qiun/ucharts (plain JS, no types of its own) the Chart component uses. */
declare module '@qiun/ucharts' {
  export interface UChartsSeries {
    name: string;
    /** One value per category (line, column, area), or the slice's value (ring). */
    data: number | Array<number | null>;
    color?: string;
  }

  /** How a chart looks: everything but its data and canvas. */
  export interface UChartsLook {
    animation?: boolean;
    background?: string;
    color?: string[];
    padding?: number[];
    fontSize?: number;
    dataLabel?: boolean;
    dataPointShape?: boolean;
    legend?: Record<string, unknown>;
    xAxis?: Record<string, unknown>;
    yAxis?: Record<string, unknown>;
    extra?: Record<string, unknown>;
  }

  export interface UChartsOptions extends UChartsLook {
    type: 'line' | 'column' | 'area' | 'ring';
    /** A canvas 2d context: the weapp node's or the browser's. */
    context: unknown;
    /** In canvas pixels (CSS size × pixelRatio). */
    width: number;
    height: number;
    pixelRatio: number;
    canvas2d?: boolean;
    categories?: string[];
    series: UChartsSeries[];
  }

  /** A touch in CSS pixels from the canvas' top left corner. */
  export interface UChartsTouch {
    changedTouches: Array<{ x: number; y: number }>;
  }

  export default class UCharts {
    constructor(options: UChartsOptions);
    showToolTip(e: UChartsTouch): void;
  }
}
