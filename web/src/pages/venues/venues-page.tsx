import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ruleZh, VENUE_KINDS } from '../../../../src/modules/healthcode/venues/rules';
import { api, qs } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ImportButton } from '../../components/import-button';
import type { ImportOutcome, Venue, VenueChildren, VenuesPage as VenuesList } from '../../contracts';
import { VenueDrawer } from './venue-form';

const venuesSummary = (r: ImportOutcome) => `共${r.rows}行，新增${r.inserted}个场所，更新${r.updated}个，未变化${r.unchanged}个`;

/** A park's zones, shops and warehouses, under its row. */
function ParkVenues({ park, columns }: { park: Venue; columns: Parameters<typeof Table<Venue>>[0]['columns'] }) {
  const q = useQuery({
    queryKey: ['venues', 'children', park.id],
    queryFn: () => api.get<VenueChildren>(`/api/healthcode/venues/${park.id}/children`),
  });
  return (
    <Table<Venue>
      size="small"
      rowKey="id"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      columns={columns}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="park-venues"
    />
  );
}

/**
 * 场所码: the venues in the caller's scope (newest first, searched by name), a drawer to register or edit one
 * (its node chosen by search, a zone's park), the venues sheet's import, and each venue's or park's print view.
 */
export function VenuesPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const pages = useCursorPages(20);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const [drawer, setDrawer] = useState<{ venue: Venue | null; parkId?: number } | null>(null);
  const list = useQuery({
    queryKey: ['venues', 'list', q, kind, pages.after, pages.pageSize],
    queryFn: () =>
      api.get<VenuesList>(`/api/healthcode/venues${qs({ q: q.trim(), kind, after: pages.after, pageSize: pages.pageSize })}`),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['venues'] });
  const toggle = async (v: Venue) => {
    try {
      const r = await api.post<{ changed: number }>(`/api/healthcode/venues/${v.id}/${v.active ? 'deactivate' : 'activate'}`);
      message.success(v.active ? `已停用${r.changed}个场所码` : '已启用');
      refresh();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '操作失败');
    }
  };
  const columns: Parameters<typeof Table<Venue>>[0]['columns'] = [
    {
      title: '场所名称',
      dataIndex: 'name',
      width: 230,
      render: (_, v) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{v.name}</Typography.Text>
          {v.parentName && <Typography.Text type="secondary">属于 {v.parentName}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 110,
      render: (_, v) => (
        <Space size={4}>
          {VENUE_KINDS[v.kind]}
          {v.kind === 'logistics_park' && <Tag>{v.venues}个</Tag>}
        </Space>
      ),
    },
    {
      title: '所在辖区',
      width: 230,
      render: (_, v) => (
        <Space direction="vertical" size={0}>
          <span>{v.nodeName}</span>
          <Typography.Text type="secondary">{v.trail.join(' · ')}</Typography.Text>
        </Space>
      ),
    },
    { title: '线路 / 车牌', width: 110, render: (_, v) => v.line ?? v.plate ?? '—' },
    { title: '通行规则', width: 170, render: (_, v) => ruleZh(v.rule) },
    {
      title: '场所码',
      dataIndex: 'code',
      width: 190,
      render: (c: string) => (
        <Typography.Text code copyable>
          {c}
        </Typography.Text>
      ),
    },
    {
      title: '状态',
      dataIndex: 'active',
      width: 80,
      render: (a: boolean) => (a ? <Tag color="success">启用</Tag> : <Tag>已停用</Tag>),
    },
    {
      title: '操作',
      width: 230,
      render: (_, v) => (
        <Space size={4} wrap>
          <Button size="small" type="link" onClick={() => setDrawer({ venue: v })} data-testid="venue-edit">
            编辑
          </Button>
          <Button size="small" type="link" onClick={() => navigate(`/venues/print/${v.id}`)} data-testid="venue-print">
            {v.kind === 'logistics_park' ? '打印全园' : '打印'}
          </Button>
          {v.kind === 'logistics_park' && v.active && (
            <Button
              size="small"
              type="link"
              onClick={() => setDrawer({ venue: null, parkId: v.id })}
              data-testid="venue-add-zone"
            >
              添加分区
            </Button>
          )}
          <Popconfirm
            title={
              v.active
                ? v.kind === 'logistics_park'
                  ? '停用园区及其全部分区、商铺和仓库？'
                  : '停用该场所码？'
                : '启用该场所码？'
            }
            onConfirm={() => toggle(v)}
          >
            <Button size="small" type="link" danger={v.active}>
              {v.active ? '停用' : '启用'}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <Card title="场所码">
      {/* Actions and filters wrap on a phone (a community worker's) instead of widening the page. */}
      <Space style={{ marginBottom: 12 }} wrap>
        <ImportButton
          url="/api/healthcode/venues/import"
          template="/api/healthcode/venues/import/template"
          label="导入场所台账"
          accept=".xlsx,.csv"
          summary={venuesSummary}
        />
        <Button type="primary" onClick={() => setDrawer({ venue: null })} data-testid="venue-new">
          登记场所
        </Button>
        <Input.Search
          allowClear
          placeholder="按场所名称搜索"
          style={{ width: 260 }}
          onSearch={(v) => {
            setQ(v);
            pages.reset();
          }}
          data-testid="venue-search"
        />
        <Select
          allowClear
          placeholder="场所类型"
          style={{ width: 140 }}
          value={kind}
          onChange={(k) => {
            setKind(k);
            pages.reset();
          }}
          options={Object.entries(VENUE_KINDS).map(([value, label]) => ({ value, label }))}
        />
      </Space>
      <Table<Venue>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          rowExpandable: (v) => v.kind === 'logistics_park' && v.venues > 0,
          expandedRowRender: (v) => <ParkVenues park={v} columns={columns} />,
        }}
        data-testid="venues-table"
      />
      <CursorPager pages={pages} next={list.data?.next} total={list.data?.total} unit="个场所" />
      <VenueDrawer
        open={drawer !== null}
        venue={drawer?.venue ?? null}
        parkId={drawer?.parkId}
        onClose={() => setDrawer(null)}
        onSaved={() => {
          setDrawer(null);
          refresh();
        }}
      />
    </Card>
  );
}
