import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Breadcrumb, Card, Col, Input, List, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import { Bars } from '../../components/bar-chart';
import { pageNumbers } from '../../components/page-numbers';
import { usePhone } from '../../components/phone';
import { PlaceOption } from '../../components/place-option';
import type { FoundNode, NodeDetail, NodeWithCounts } from '../../contracts';
import { NODE_LABELS } from '../../labels';

type Node = NodeWithCounts;
type Detail = NodeDetail;

/** 辖区: browse the tree from the caller's scope down, with households, residents and vulnerable people per node. */
export function TerritoryPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const phone = usePhone();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const node = useQuery({
    queryKey: ['node', id ?? 'root'],
    queryFn: () => api.get<Detail>(id ? `/api/territory/nodes/${id}` : '/api/territory/root'),
  });
  const children = useQuery({
    enabled: !!node.data,
    queryKey: ['children', node.data?.id, page],
    queryFn: () =>
      api.get<{ total: number; items: Node[] }>(`/api/territory/nodes/${node.data?.id}/children${qs({ page, pageSize: 50 })}`),
  });
  const search = useQuery({
    enabled: q.trim().length > 0,
    queryKey: ['search', q],
    queryFn: () => api.get<{ items: FoundNode[] }>(`/api/territory/search${qs({ q: q.trim() })}`),
  });
  const chart = useMemo(() => {
    const items = (children.data?.items ?? []).filter((c) => c.type !== 'place' && c.type !== 'household').slice(0, 30);
    return {
      categories: items.map((c) => c.name),
      series: [
        { name: '人数', values: items.map((c) => c.counts.residents) },
        { name: '户数', values: items.map((c) => c.counts.households) },
        { name: '特殊人群', values: items.map((c) => c.counts.vulnerable) },
      ],
    };
  }, [children.data]);

  const d = node.data;
  return (
    <div>
      <Row justify="space-between" align="middle" gutter={[16, 16]} style={{ marginBottom: 12 }}>
        <Col>
          <Breadcrumb
            items={[...(d?.ancestors ?? []), ...(d ? [d] : [])].map((a) => ({
              title: a.id === d?.id ? a.name : <Link to={`/territory/${a.id}`}>{a.name}</Link>,
            }))}
          />
        </Col>
        <Col xs={24} md="auto">
          <AutoComplete
            style={{ width: phone ? '100%' : 320 }}
            popupMatchSelectWidth={phone ? true : 460}
            options={(search.data?.items ?? []).map((n) => ({
              value: String(n.id),
              label: <PlaceOption node={n} />,
            }))}
            value={q}
            onSelect={(v: string) => {
              setQ(''); // the box keeps what was typed, never the chosen node's id
              navigate(`/territory/${v}`);
            }}
            onSearch={setQ}
          >
            <Input.Search placeholder="名称、编码、地址或拼音首字母" allowClear data-testid="territory-search" />
          </AutoComplete>
        </Col>
      </Row>
      {d && (
        <Card loading={node.isLoading} style={{ marginBottom: 16 }}>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {d.name} <Tag>{NODE_LABELS[d.type]}</Tag>
            {d.phone && <Tag color="red">疾控咨询电话 {d.phone}</Tag>}
          </Typography.Title>
          <Row gutter={16}>
            <Col xs={8}>
              <Statistic title="户数" value={d.counts.households} />
            </Col>
            <Col xs={8}>
              <Statistic title="居民" value={d.counts.residents} />
            </Col>
            <Col xs={8}>
              <Statistic title="特殊人群" value={d.counts.vulnerable} />
            </Col>
          </Row>
          {chart.categories.length > 1 && <Bars categories={chart.categories} series={chart.series} />}
        </Card>
      )}
      <Card
        title={`下级（${children.data?.total ?? 0}）`}
        extra={d && can('people.read') && <Link to={`/people?nodeId=${d.id}`}>查看本辖区居民</Link>}
      >
        {phone ? (
          <List<Node>
            loading={children.isLoading}
            dataSource={children.data?.items}
            pagination={pageNumbers(children.data?.total, page, 50, setPage, true)}
            renderItem={(r) => <NodeRow node={r} />}
          />
        ) : (
          <Table<Node>
            rowKey="id"
            size="middle"
            loading={children.isLoading}
            dataSource={children.data?.items}
            pagination={pageNumbers(children.data?.total, page, 50, setPage)}
            columns={[
              {
                title: '名称',
                dataIndex: 'name',
                render: (v, r) => (r.type === 'household' || r.type === 'place' ? v : <Link to={`/territory/${r.id}`}>{v}</Link>),
              },
              {
                title: '类型',
                dataIndex: 'type',
                render: (t: string, r) => (
                  <Tag>
                    {NODE_LABELS[t]}
                    {r.floors ? ` · ${r.floors}层` : ''}
                  </Tag>
                ),
              },
              { title: '编码', dataIndex: 'code' },
              { title: '户数', align: 'right', render: (_, r) => r.counts.households },
              { title: '居民', align: 'right', render: (_, r) => r.counts.residents },
              { title: '特殊人群', align: 'right', render: (_, r) => r.counts.vulnerable },
            ]}
          />
        )}
      </Card>
    </div>
  );
}

/** One child node on a phone: its name (a link, unless it is a household or a place), its kind and its figures. */
function NodeRow({ node: r }: { node: Node }) {
  const leaf = r.type === 'household' || r.type === 'place';
  return (
    <List.Item>
      <div style={{ width: '100%' }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {leaf ? r.name : <Link to={`/territory/${r.id}`}>{r.name}</Link>}
        </Typography.Text>{' '}
        <Tag>
          {NODE_LABELS[r.type]}
          {r.floors ? ` · ${r.floors}层` : ''}
        </Tag>
        <div style={{ color: '#666' }}>
          {r.counts.households} 户 · {r.counts.residents} 人 · 特殊人群 {r.counts.vulnerable}
        </div>
      </div>
    </List.Item>
  );
}
