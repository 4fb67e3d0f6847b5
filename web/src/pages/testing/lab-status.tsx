import { Tag } from 'antd';
import type { TestingHandover, TestingPositivePool } from '../../contracts';

/** 待接收 / 已接收 / 差异 (with both counts: a discrepancy is read at a glance on a list). */
export function HandoverStatusTag({ h }: { h: TestingHandover }) {
  if (h.status === 'sent') return <Tag color="blue">待接收</Tag>;
  if (h.status === 'received') return <Tag color="green">已接收</Tag>;
  return (
    <Tag color="red" data-testid="discrepancy">
      差异 {h.tubesSent}→{h.tubesReceived}
    </Tag>
  );
}

type Retest = TestingPositivePool['people'][number]['status'];
export const RETEST_STATUS: Record<Retest, { label: string; color: string }> = {
  open: { label: '待采样', color: 'orange' },
  sampled: { label: '已采样待结果', color: 'blue' },
  negative: { label: '复核阴性', color: 'green' },
  positive: { label: '复核阳性', color: 'red' },
};

export const RetestStatusTag = ({ status }: { status: Retest }) => (
  <Tag color={RETEST_STATUS[status].color}>{RETEST_STATUS[status].label}</Tag>
);
