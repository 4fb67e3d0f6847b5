import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface Series {
  name: string;
  values: number[];
  color?: string;
}

/**
 * A bar chart for figures people compare: grouped (residents and households per child node) or stacked (new
 * positives per day by kind). `onPick` receives the index of a clicked category.
 */
export function Bars({
  categories,
  series,
  height = 260,
  stacked = false,
  onPick,
}: {
  categories: string[];
  series: Series[];
  height?: number;
  stacked?: boolean;
  onPick?: (index: number) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  // The latest handler, read at click time: a new function each render must not rebuild the chart.
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 56 },
      // Every label while they fit; on a narrow screen ECharts drops the ones that would run together.
      xAxis: {
        type: 'category',
        data: categories,
        axisLabel: {
          rotate: categories.length > 8 ? 35 : 0,
          interval: el.current.clientWidth / categories.length < 28 ? 'auto' : 0,
          hideOverlap: true,
        },
      },
      yAxis: { type: 'value' },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        ...(stacked ? { stack: 'all' } : {}),
        ...(s.color ? { itemStyle: { color: s.color } } : {}),
      })),
    });
    chart.on('click', (e) => pick.current?.(e.dataIndex));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [categories, series, stacked]);
  return <div ref={el} style={{ width: '100%', height }} />;
}
