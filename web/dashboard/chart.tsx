import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

// Only the pieces the dashboard draws, so the bundle carries no more of ECharts than it uses.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** One ECharts instance per element, resized with the window, redrawn when its option changes. */
export function Chart({ option, label }: { option: ChartOption; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  useEffect(() => {
    const c = (chart.current = echarts.init(el.current!, undefined, { renderer: 'svg' }));
    const resize = () => c.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      c.dispose();
    };
  }, []);
  useEffect(() => {
    // An official who asked the system for less motion gets the chart drawn at once, not grown.
    chart.current?.setOption({ animation: !matchMedia('(prefers-reduced-motion: reduce)').matches, ...option }, true);
  }, [option]);
  return <div class="chart" ref={el} role="img" aria-label={label} />;
}
