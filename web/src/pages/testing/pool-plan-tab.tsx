import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, InputNumber, Row, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { poolPlan } from '../../../../src/modules/testing/pooling/rules';
import { api } from '../../api';
import type { PoolPlanAnswer } from '../../contracts';
import { PoolCurveChart } from './pool-curve-chart';

type District = PoolPlanAnswer['districts'][number];

const pct = (x: number | null, digits = 2) => (x === null ? '—' : `${(x * 100).toFixed(digits)}%`);
/** A prevalence as people read one: per mille (‰) below 1%. */
const rate = (p: number | null) => (p === null ? '—' : p < 0.01 ? `${(p * 1000).toFixed(2)}‰` : pct(p));

/** The prevalence the chart and figures start at when no district has results yet: 1‰. */
const DEFAULT_PREVALENCE = 0.001;

/**
 * 混采方案: per district, the pool-positive rate of the recent rounds' tubes, the prevalence it gives, the
 * optimal pool and its saving; and the curve of expected tests per person against pool size at a chosen
 * prevalence (a district's estimate, or one typed in).
 */
export function PoolPlanTab() {
  const answer = useQuery({ queryKey: ['testing-pool-plan'], queryFn: () => api.get<PoolPlanAnswer>('/api/testing/pool-plan') });
  const [picked, setPicked] = useState<District>();
  const [typed, setTyped] = useState<number | null>(null);
  const prevalence =
    typed ?? picked?.prevalence ?? answer.data?.districts.find((d) => d.prevalence)?.prevalence ?? DEFAULT_PREVALENCE;
  const plan = poolPlan(prevalence);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        依据最近{answer.data?.rounds.length ?? 0}轮（{answer.data?.rounds.map((r) => r.name).join('、') || '暂无'}
        ）已出结果的混管阳性率估算各区患病率：p̂ = 1 − (1 − q)^(1/k)；按两阶段混采（Dorfman 1943）每人期望检测次数 1/k + 1 − (1 −
        p)^k 求最优混采数。
      </Typography.Paragraph>
      <Table<District>
        data-testid="pool-plan-table"
        rowKey="districtId"
        size="middle"
        loading={answer.isLoading}
        dataSource={answer.data?.districts}
        pagination={false}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: picked ? [picked.districtId] : [],
          onChange: (_, rows) => {
            setPicked(rows[0]);
            setTyped(null);
          },
          getCheckboxProps: (d) => ({ disabled: !d.prevalence }),
        }}
        columns={[
          { title: '区县', dataIndex: 'name' },
          { title: '已出结果管数', align: 'right', render: (_, d) => d.tubes.toLocaleString('zh-CN') },
          { title: '阳性管', align: 'right', dataIndex: 'positive' },
          { title: '混管阳性率', align: 'right', render: (_, d) => pct(d.rate, 3) },
          { title: '估算患病率', align: 'right', render: (_, d) => rate(d.prevalence) },
          { title: '最优混采', align: 'right', render: (_, d) => (d.plan ? `${d.plan.optimal.k}混1` : '—') },
          { title: '每人期望检测', align: 'right', render: (_, d) => (d.plan ? d.plan.optimal.tests.toFixed(4) : '—') },
          { title: '较单管节省', align: 'right', render: (_, d) => (d.plan ? pct(d.plan.optimal.saving) : '—') },
          { title: '10混1 节省', align: 'right', render: (_, d) => (d.plan ? pct(d.plan.pool10.saving) : '—') },
          {
            title: '建议（5/10/20混1）',
            render: (_, d) =>
              d.plan ? `${d.plan.bestValidated.k}混1` : <Typography.Text type="secondary">尚无阳性管</Typography.Text>,
          },
        ]}
      />
      <Row gutter={16}>
        <Col span={16}>
          <Card
            size="small"
            title={`每人期望检测次数与每管人数（患病率 ${rate(prevalence)}${picked && typed === null ? `，${picked.name}` : ''}）`}
            extra={
              <Space>
                <Typography.Text type="secondary">患病率</Typography.Text>
                <InputNumber<number>
                  data-testid="prevalence-input"
                  min={0.00001}
                  max={0.3}
                  step={0.0005}
                  value={prevalence}
                  onChange={(v) => setTyped(v)}
                  style={{ width: 120 }}
                />
              </Space>
            }
          >
            <PoolCurveChart prevalence={prevalence} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="此患病率下">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={`最优 ${plan.optimal.k}混1`}>
                {plan.optimal.tests.toFixed(4)} 次/人，节省 {pct(plan.optimal.saving)}
              </Descriptions.Item>
              {plan.validated.map((v) => (
                <Descriptions.Item key={v.k} label={`${v.k}混1`}>
                  {v.tests.toFixed(4)} 次/人，节省 {pct(v.saving)}
                </Descriptions.Item>
              ))}
              <Descriptions.Item label={`矩阵 ${plan.squareArray.k}×${plan.squareArray.k}`}>
                {plan.squareArray.tests.toFixed(4)} 次/人，节省 {pct(plan.squareArray.saving)}
              </Descriptions.Item>
              <Descriptions.Item label="矩阵 10×10">
                {plan.squareArray10.tests.toFixed(4)} 次/人，节省 {pct(plan.squareArray10.saving)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
