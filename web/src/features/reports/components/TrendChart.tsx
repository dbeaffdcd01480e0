// The trend as a line chart (ECharts, loaded only with this chunk) and, for screen readers, a table.
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES } from '../../../../../shared/domain/steps.js';
import type { TrendDay } from '../api/types.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLORS = { wiring: '#0b5cad', connection: '#b35900', registration: '#146c2e' };

export default function TrendChart({ days }: { days: TrendDay[] }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: STAGES.map((stage) => ({
        name: t(`stage.${stage}`),
        type: 'line',
        showSymbol: false,
        lineStyle: { width: 3, type: stage === 'connection' ? 'dashed' : stage === 'registration' ? 'dotted' : 'solid' },
        color: COLORS[stage],
        data: days.map((d) => d[stage]),
      })),
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [days, t]);

  const last = days[days.length - 1];
  return (
    <>
      <div
        ref={box}
        className="chart"
        role="img"
        aria-label={last ? `${t('reports.trend')}：${last.date} ${STAGES.map((s) => `${t(`stage.${s}`)} ${last[s]}`).join('，')}` : t('reports.trend')}
      />
      <details className="no-print">
        <summary>{t('reports.trend')}（{t('app.all')}）</summary>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('reports.asOf')}</th>
                {STAGES.map((s) => <th scope="col" key={s} className="num">{t(`stage.${s}`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <th scope="row">{d.date}</th>
                  {STAGES.map((s) => <td key={s} className="num">{d[s]}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
