import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Input, List, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../api';
import type { PublicMeasures, PublicSearch, RiskFeed } from '../../contracts';
import { hourZh, LevelTag } from './labels';

type Area = RiskFeed['areas'][number];
const ORDER = ['high', 'medium', 'low'];

/** The feed's areas by district, in the order they come, each district's high ones first. */
function byDistrict(areas: readonly Area[]): [string, Area[]][] {
  const m = new Map<string, Area[]>();
  for (const a of areas) m.set(a.district, [...(m.get(a.district) ?? []), a]);
  return [...m].map(([d, list]) => [d, list.sort((x, y) => ORDER.indexOf(x.level) - ORDER.indexOf(y.level))]);
}

/**
 * 当前风险区域, for anyone, without an account, on a phone: the current areas by district and level with their
 * start times, and "is my building in one?" by name or address. Reads only the public routes.
 */
export function PublicRiskPage() {
  const feed = useQuery({ queryKey: ['public-risk'], queryFn: () => api.get<RiskFeed>('/api/public/risk-areas') });
  const measures = useQuery({
    queryKey: ['public-risk-measures'],
    queryFn: () => api.get<PublicMeasures>('/api/public/risk-areas/measures'),
  });
  const [q, setQ] = useState('');
  const found = useQuery({
    enabled: q.length > 0,
    queryKey: ['public-risk-search', q],
    queryFn: () => api.get<PublicSearch>(`/api/public/risk-areas/search${qs({ q })}`),
  });
  const areas = feed.data?.areas ?? [];
  return (
    <div style={{ maxWidth: 720, margin: '0 auto', padding: 12 }}>
      <Typography.Title level={4} style={{ color: '#c0392b', textAlign: 'center' }}>
        {feed.data?.city ?? ''}当前风险区域
      </Typography.Title>
      {feed.data && (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          截至{hourZh(feed.data.generatedAt)}，共{areas.filter((a) => a.level === 'high').length}个高风险区、
          {areas.filter((a) => a.level === 'medium').length}个中风险区，其他地区为低风险区
        </Typography.Paragraph>
      )}
      <Card size="small" title="查询我的住址是否在风险区域内" style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder="输入小区、场所名称或地址"
          enterButton="查询"
          allowClear
          maxLength={50}
          onSearch={(v) => setQ(v.trim())}
          data-testid="public-search"
        />
        {found.isFetching && <Spin style={{ marginTop: 12 }} />}
        {found.data && (
          <List
            style={{ marginTop: 8 }}
            dataSource={found.data.items}
            locale={{ emptyText: '没有找到该小区或场所，请换个名称或地址再试' }}
            renderItem={(n) => (
              <List.Item data-testid="public-found">
                <List.Item.Meta
                  title={n.name}
                  description={
                    <>
                      <div>{[n.trail.join(' · '), n.address].filter(Boolean).join('　')}</div>
                      {n.areas.length ? (
                        n.areas.map((a) => (
                          <div key={a.name}>
                            <LevelTag level={a.level} />
                            {a.name}，自{hourZh(a.since)}起
                          </div>
                        ))
                      ) : (
                        <Typography.Text type="success">不在当前的中高风险区内</Typography.Text>
                      )}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {measures.data && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="public-measures"
          message={[
            `高风险区实行“${measures.data.measures.high}”`,
            measures.data.measures.medium && `中风险区实行“${measures.data.measures.medium}”`,
          ]
            .filter(Boolean)
            .join('；')}
          description={`依据《${measures.data.edition}》`}
        />
      )}
      {feed.isLoading ? (
        <Spin />
      ) : areas.length === 0 ? (
        <Empty description="当前没有中高风险区" />
      ) : (
        byDistrict(areas).map(([district, list]) => (
          <Card key={district} size="small" title={district} style={{ marginBottom: 12 }} data-testid="public-district">
            <List
              dataSource={list}
              renderItem={(a) => (
                <List.Item data-testid="public-area">
                  <Space direction="vertical" size={2}>
                    <span>
                      <LevelTag level={a.level} />
                      {a.name}
                    </span>
                    <Typography.Text type="secondary">自{hourZh(a.since)}起</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        ))
      )}
    </div>
  );
}
