// The share onboarded of each child as horizontal bars (ECharts, loaded only with this chunk):
// horizontal so that the names stay readable on a 360 px phone, however many counties.
import { BarChart } from 'echarts/charts';
import { percentText } from '../../../../../shared/domain/vocabulary.js';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface ShareBar {
  key: string;
  name: string;
  /** percent, one decimal */
  share: number;
  /** the scorecard's colour (the table's): a red 31 % must not be drawn green */
  colour?: 'green' | 'yellow' | 'red';
}

// the table's score colours (styles.leaders.css .score--*), one per scorecard colour
const BAR_COLOUR = { green: '#146c2e', yellow: '#c98a00', red: '#b3261e' } as const;

/** `bars` best first, as the table ranks them (keep the array stable between renders: it redraws the chart). */
export default function RollupChart({ bars, title }: { bars: ShareBar[]; title: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!box.current) return;
    // best at the top: ECharts draws a category axis from the bottom
    const ordered = [...bars].reverse();
    const chart = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => percentText(v, 100) },
      grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: ordered.map((b) => b.name), axisLabel: { width: 96, overflow: 'truncate' } },
      series: [
        {
          name: t('areas.share'),
          type: 'bar',
          label: { show: true, position: 'right', formatter: (p: { value: number }) => percentText(p.value, 100) },
          data: ordered.map((b) => ({ value: b.share, itemStyle: { color: BAR_COLOUR[b.colour ?? 'green'] } })),
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [bars, t]);

  return (
    <div
      ref={box}
      className="chart"
      style={{ height: `${Math.max(10, bars.length * 2 + 3)}rem` }}
      role="img"
      aria-label={`${title}：${bars.map((b) => `${b.name} ${percentText(b.share, 100)}`).join('，')}`}
    />
  );
}
