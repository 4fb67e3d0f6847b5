import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, List, Segmented, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { usePhone } from '../../components/phone';
import type { RiskArea, RiskAreaDetail } from '../../contracts';
import { AreaEditor } from './area-editor';
import { ChangesTab } from './changes-tab';
import { hourZh, LEVEL_OPTIONS, LevelTag, ZoneTag } from './labels';
import { PlanChange } from './plan-change';
import { ProposalsTab } from './proposals-tab';
import { ZonesTab } from './zones-tab';

/** 风险区域: the areas in scope with their level, zone and start; the planned changes; the control zones per district; the lowering proposals. */
export function RiskPage() {
  return (
    <Card title="风险区域与管控区域">
      <Tabs
        items={[
          { key: 'areas', label: '风险区域', children: <AreasTab /> },
          { key: 'changes', label: '待发布调整', children: <ChangesTab /> },
          { key: 'zones', label: '管控区域', children: <ZonesTab /> },
          { key: 'proposals', label: '降级建议', children: <ProposalsTab /> },
        ]}
      />
    </Card>
  );
}

const since = (a: RiskArea) =>
  a.current ? `自${hourZh(a.current.from)}起` : a.upcoming ? `已发布，自${hourZh(a.upcoming.from)}起生效` : '未生效';
/** The level and zone shown: of the period in force, else of the one published to start later. */
const PeriodLevel = ({ a }: { a: RiskArea }) => {
  const p = a.current ?? a.upcoming;
  return p ? <LevelTag level={p.level} /> : <span>—</span>;
};
const PeriodZone = ({ a }: { a: RiskArea }) => {
  const p = a.current ?? a.upcoming;
  return p ? <ZoneTag zone={p.zone} /> : null;
};

function AreasTab() {
  const can = useCan();
  const write = can('risk.write');
  const phone = usePhone();
  const [level, setLevel] = useState('');
  const pages = useCursorPages(20);
  const [editing, setEditing] = useState(false);
  const [planning, setPlanning] = useState<RiskArea>();
  const [redrawing, setRedrawing] = useState<RiskAreaDetail>();
  const { message } = App.useApp();
  const redraw = (a: RiskArea) =>
    api
      .get<RiskAreaDetail>(`/api/risk/areas/${a.id}`)
      .then(setRedrawing)
      .catch((e: Error) => message.error(e.message));
  const list = useQuery({
    queryKey: ['risk-areas', level, pages.after, pages.pageSize],
    queryFn: () =>
      api.get<{ items: RiskArea[]; next: number | null }>(
        `/api/risk/areas${qs({ level: level || undefined, after: pages.after, pageSize: pages.pageSize })}`,
      ),
  });
  const plan = (a: RiskArea) =>
    write ? (
      <Space key="actions" size={4}>
        <Button size="small" onClick={() => setPlanning(a)} data-testid="plan-change">
          拟定调整
        </Button>
        <Button size="small" type="link" onClick={() => redraw(a)} data-testid="redraw-area">
          修改
        </Button>
      </Space>
    ) : null;
  const next = list.data?.next ? String(list.data.next) : null;
  return (
    <>
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Segmented
          options={[{ value: '', label: '全部' }, ...LEVEL_OPTIONS]}
          value={level}
          onChange={(v) => {
            setLevel(String(v));
            pages.reset();
          }}
        />
        {write && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(true)} data-testid="new-area">
            划定风险区域
          </Button>
        )}
      </Space>
      {phone ? (
        <List<RiskArea>
          loading={list.isLoading}
          dataSource={list.data?.items}
          locale={{ emptyText: '没有风险区域' }}
          renderItem={(a) => (
            <List.Item actions={[plan(a)]} data-testid="risk-area">
              <List.Item.Meta
                title={a.label}
                description={
                  <>
                    <div>{[a.district, ...a.trail.slice(1)].join(' · ')}</div>
                    <Space wrap>
                      <PeriodLevel a={a} />
                      <PeriodZone a={a} />
                      <span>{since(a)}</span>
                    </Space>
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<RiskArea>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items}
          pagination={false}
          locale={{ emptyText: '没有风险区域' }}
          onRow={() => ({ 'data-testid': 'risk-area' }) as never}
          columns={[
            { title: '区域', dataIndex: 'label' },
            { title: '区县', dataIndex: 'district', width: 100 },
            {
              title: '所在',
              render: (_, a) => <Typography.Text type="secondary">{a.trail.slice(1).join(' · ')}</Typography.Text>,
            },
            { title: '风险等级', width: 110, render: (_, a) => <PeriodLevel a={a} /> },
            { title: '管控', width: 90, render: (_, a) => <PeriodZone a={a} /> },
            { title: '起始时间', width: 200, render: (_, a) => since(a) },
            ...(write ? [{ title: '操作', width: 160, render: (_: unknown, a: RiskArea) => plan(a) }] : []),
          ]}
        />
      )}
      <CursorPager pages={pages} next={next} total={undefined} unit="个" compact={phone} />
      <AreaEditor open={editing} onClose={() => setEditing(false)} />
      <AreaEditor open={!!redrawing} area={redrawing} onClose={() => setRedrawing(undefined)} />
      <PlanChange area={planning} onClose={() => setPlanning(undefined)} />
    </>
  );
}
