import { Card, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { CoverageTab } from './coverage-tab';
import { PointsTab } from './points-tab';
import { PoolPlanTab } from './pool-plan-tab';
import { RetestsTab } from './retests-tab';
import { RoundsTab } from './rounds-tab';
import { SpeedTab } from './speed-tab';

/** The tabs of 全员核酸, one file each: rounds, coverage and missing lists, points and slots, retests, pool plans. */
const TABS: { key: string; label: string; children: ReactNode }[] = [
  { key: 'rounds', label: '检测轮次', children: <RoundsTab /> },
  { key: 'coverage', label: '覆盖', children: <CoverageTab /> },
  { key: 'speed', label: '进度', children: <SpeedTab /> },
  { key: 'retests', label: '复核', children: <RetestsTab /> },
  { key: 'points', label: '采样点', children: <PointsTab /> },
  { key: 'pool-plan', label: '混采方案', children: <PoolPlanTab /> },
];

/** 全员核酸检测: the command's view of rounds, from their targets to the last person. */
export function TestingPage() {
  return (
    <Card title="全员核酸检测">
      <Tabs items={TABS} />
    </Card>
  );
}
