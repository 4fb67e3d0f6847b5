import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Tag } from 'antd';
import { useState } from 'react';
import { useCan } from '../../access';
import { api } from '../../api';
import type { RoundPlan } from '../../contracts';
import { PoolPlannerForm } from './pool-planner-form';

const n = (v: number) => v.toLocaleString('zh-CN');
const hours = (h: number) => `${h.toFixed(1)} 小时`;

/** The planner's suggestion for a round's target in the caller's subtree, beside the points already serving it. */
export function PoolRoundPlan({ roundId }: { roundId: number }) {
  const plan = useQuery({
    queryKey: ['testing-round-plan', roundId],
    queryFn: () => api.get<RoundPlan>(`/api/testing/rounds/${roundId}/plan`),
  });
  const p = plan.data;
  const setter = useCan()('testing.planner');
  const [editing, setEditing] = useState(false);
  if (plan.error) return <Alert type="error" message={plan.error.message} />;
  return (
    <Card
      size="small"
      title="采样点与采样人员测算"
      loading={plan.isLoading}
      data-testid="round-plan"
      extra={
        setter && (
          <Button size="small" onClick={() => setEditing(true)}>
            测算参数
          </Button>
        )
      }
    >
      <PoolPlannerForm open={editing} onClose={() => setEditing(false)} />
      {p && (
        <>
          <Descriptions size="small" column={4}>
            <Descriptions.Item label="应检人数">{n(p.population)}</Descriptions.Item>
            <Descriptions.Item label="建议采样点">
              {p.points.min === p.points.max ? n(p.points.min) : `${n(p.points.min)}–${n(p.points.max)}`} 个
            </Descriptions.Item>
            <Descriptions.Item label="建议采样人员">{n(p.samplers)} 人</Descriptions.Item>
            <Descriptions.Item label="预计用时">{hours(p.hours)}</Descriptions.Item>
            <Descriptions.Item label="已设采样点">{n(p.existing.points)} 个</Descriptions.Item>
            <Descriptions.Item label="已设采样台">{n(p.existing.posts)} 个</Descriptions.Item>
            <Descriptions.Item label="按现有采样台用时">
              {p.existing.hours === null ? '—' : hours(p.existing.hours)}{' '}
              {p.existing.fits ? <Tag color="green">满足时限</Tag> : <Tag color="red">超出{p.figures.roundHours}小时时限</Tag>}
            </Descriptions.Item>
          </Descriptions>
          <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
            测算参数：每{n(p.figures.peoplePerPointMin)}-{n(p.figures.peoplePerPointMax)}人设1个采样点，每
            {p.figures.peoplePerSampler}
            人配1名采样人员，每名采样人员每小时采样{p.figures.peoplePerSamplerHour}人，{p.figures.roundHours}小时内完成
          </div>
        </>
      )}
    </Card>
  );
}
