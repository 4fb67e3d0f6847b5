import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { DEFAULT_MAX_POOL, dorfmanCurve, optimalPool } from '../../../../src/modules/testing/pooling/rules';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, MarkPointComponent, CanvasRenderer]);

/**
 * Expected tests per person against the pool size at a prevalence (Dorfman's curve), single tubes (1) drawn as
 * the line to beat and the optimum marked: the figure behind a district's 混采 choice. Drawn over the sizes the
 * figures beside it search (2..20 by default), so the mark and the figures name the same optimum.
 */
export function PoolCurveChart({
  prevalence,
  maxPool = DEFAULT_MAX_POOL,
  height = 280,
}: {
  prevalence: number;
  maxPool?: number;
  height?: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const curve = dorfmanCurve(prevalence, maxPool);
    const best = optimalPool(prevalence, maxPool);
    const chart = echarts.init(el.current);
    chart.setOption({
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number) => `${v.toFixed(4)} 次/人`,
      },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 36, bottom: 40 },
      xAxis: {
        type: 'category',
        name: '每管人数',
        nameLocation: 'middle',
        nameGap: 26,
        data: curve.map((f) => String(f.k)),
      },
      yAxis: { type: 'value', name: '每人期望检测次数', min: 0 },
      series: [
        {
          type: 'line',
          name: '两阶段混采（Dorfman）',
          data: curve.map((f) => Number(f.tests.toFixed(4))),
          smooth: false,
          symbolSize: 5,
          markPoint: {
            symbol: 'pin',
            data: [{ name: '最优', coord: [String(best.k), Number(best.tests.toFixed(4))], value: `${best.k}混1` }],
          },
        },
        {
          type: 'line',
          name: '单人单管',
          data: curve.map(() => 1),
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#999' },
          itemStyle: { color: '#999' },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [prevalence, maxPool]);
  return <div ref={el} data-testid="pool-curve" style={{ width: '100%', height }} />;
}
