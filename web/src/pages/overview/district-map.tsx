import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import type { OverviewTile } from '../../contracts';
import harbin from './harbin-districts.json';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, SVGRenderer]);
// The project's own schematic (scripts/harbin-districts.ts): no online tiles, no network.
echarts.registerMap('harbin', harbin as Parameters<typeof echarts.registerMap>[1]);

type Districts = Extract<OverviewTile, { kind: 'districts' }>;

/**
 * The schematic map of Harbin's 18 district-level units, coloured by the tile's first measure (today's
 * positives); units outside the caller's scope stay grey. A click opens the unit's records (its last measure's
 * link: all its cases). Drawn as SVG, so each unit's name is a text a test (or a screen reader) can find.
 */
export function DistrictMap({ tile, height }: { tile: Districts; height: number }) {
  const el = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const go = useRef(navigate);
  go.current = navigate;
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, null, { renderer: 'svg' });
    const byName = new Map(tile.items.map((i) => [i.label, i]));
    const max = Math.max(1, ...tile.items.map((i) => i.values[0] ?? 0));
    // Before the option: the first drawing may finish within setOption itself.
    chart.on('click', (e) => {
      const href = byName.get(e.name)?.hrefs.at(-1);
      if (href) go.current(href);
    });
    chart.on('finished', () => el.current?.setAttribute('data-drawn', 'true'));
    chart.setOption({
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const i = byName.get(p.name);
          if (!i) return `${p.name}<br/>不在本账号辖区`;
          const lines = tile.measures.map((m, k) => `${m}：${i.values[k] ?? 0}${tile.unit}`);
          return [p.name, ...lines, '点击查看该区县病例'].join('<br/>');
        },
      },
      visualMap: {
        type: 'continuous',
        orient: 'horizontal',
        min: 0,
        max,
        left: 'center',
        bottom: 0,
        itemWidth: 12,
        itemHeight: 120,
        text: [`${tile.measures[0]} ${max}`, '0'],
        calculable: false,
        inRange: { color: ['#fff1ec', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'] },
      },
      series: [
        {
          type: 'map',
          map: 'harbin',
          roam: false,
          layoutCenter: ['50%', '46%'],
          layoutSize: '90%',
          selectedMode: false,
          // On a phone the urban core's names would touch: 南岗区 is written 南岗 there (宾县 stays 宾县).
          label: {
            show: true,
            fontSize: height < 400 ? 10 : 12,
            color: '#262626',
            formatter: (p: { name: string }) => (height < 400 && p.name.length > 2 ? p.name.slice(0, -1) : p.name),
          },
          itemStyle: { areaColor: '#f0f0f0', borderColor: '#8c8c8c', borderWidth: 1 },
          emphasis: { label: { color: '#000' }, itemStyle: { areaColor: '#ffd591' } },
          // Names on the darkest reds are written white, so they stay legible.
          data: tile.items.map((i) => ({
            name: i.label,
            value: i.values[0] ?? 0,
            ...((i.values[0] ?? 0) > max * 0.6 ? { label: { color: '#fff' } } : {}),
          })),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [tile, height]);
  return <div ref={el} data-testid="district-map" style={{ width: '100%', height }} />;
}
