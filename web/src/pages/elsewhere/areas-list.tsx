import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { usePhone } from '../../components/phone';
import type { ElsewhereArea, ElsewhereCity, KeysetPage } from '../../contracts';
import { AreaActions } from './area-forms';
import { AreaHistory } from './area-history';
import { LEVEL_COLORS, LEVEL_LABELS, LEVEL_OPTIONS, timeOf } from './labels';

const level = (l: string) => <Tag color={LEVEL_COLORS[l]}>{LEVEL_LABELS[l]}</Tag>;
const source = (a: ElsewhereArea) => (a.feed ? `${a.feed.city}数据` : '本市登记');

/** The cities with areas now, and their counts by level: choosing one filters the list below. */
function Cities({ chosen, choose }: { chosen?: ElsewhereCity; choose: (c?: ElsewhereCity) => void }) {
  const cities = useQuery({
    queryKey: ['elsewhere', 'cities'],
    queryFn: () => api.get<{ items: ElsewhereCity[] }>('/api/elsewhere/cities'),
  });
  const label = (c: ElsewhereCity) =>
    `${c.province}${c.city}（高${c.high}·中${c.medium}${c.low ? `·低${c.low}` : ''}，最早 ${timeOf(c.earliestSince).slice(0, 10)}）`;
  return (
    <Select
      data-testid="city-filter"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={`全部城市（${cities.data?.items.length ?? 0} 个）`}
      style={{ minWidth: 260, maxWidth: '100%' }}
      value={chosen ? `${chosen.province}/${chosen.city}` : undefined}
      onChange={(v?: string) => choose(cities.data?.items.find((c) => `${c.province}/${c.city}` === v))}
      options={cities.data?.items.map((c) => ({ value: `${c.province}/${c.city}`, label: label(c) }))}
    />
  );
}

/**
 * The areas in effect now (or announced from a later hour), by province and city, paged by cursor: a table at
 * 1440 px, cards on a phone. Each opens its history; the CDC's own entries can be raised, lowered or ended.
 */
export function AreasList({ write }: { write: boolean }) {
  const phone = usePhone();
  const pages = useCursorPages(20);
  const { after, pageSize, reset } = pages;
  const [city, setCity] = useState<ElsewhereCity>();
  const [lvl, setLvl] = useState<string>();
  const [shown, setShown] = useState<ElsewhereArea>();
  // A new filter starts again at the first page.
  const chooseCity = (c?: ElsewhereCity) => {
    setCity(c);
    reset();
  };
  const chooseLevel = (l?: string) => {
    setLvl(l);
    reset();
  };
  const list = useQuery({
    queryKey: ['elsewhere', 'areas', city?.province, city?.city, lvl, after, pageSize],
    queryFn: () =>
      api.get<KeysetPage<ElsewhereArea>>(
        `/api/elsewhere/areas${qs({ province: city?.province, city: city?.city, level: lvl, cursor: after, pageSize })}`,
      ),
  });
  const history = (a: ElsewhereArea) => (
    <Button type="link" size="small" onClick={() => setShown(a)}>
      历史
    </Button>
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Cities chosen={city} choose={chooseCity} />
        <Select
          allowClear
          placeholder="全部等级"
          style={{ width: 120 }}
          value={lvl}
          onChange={chooseLevel}
          options={LEVEL_OPTIONS}
        />
      </Space>
      {phone ? (
        <List
          loading={list.isLoading}
          dataSource={list.data?.items}
          renderItem={(a) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="area-card">
              <Space wrap>
                {level(a.level)}
                <Typography.Text strong>{a.name}</Typography.Text>
              </Space>
              <div>{`${a.province}${a.city}${a.district ?? ''}`}</div>
              <Typography.Text type="secondary">{`自 ${timeOf(a.since)} 起 · ${source(a)}`}</Typography.Text>
              <div>
                {history(a)}
                {write && <AreaActions area={a} />}
              </div>
            </Card>
          )}
        />
      ) : (
        <Table<ElsewhereArea>
          data-testid="areas-table"
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items}
          pagination={false}
          columns={[
            { title: '省份', dataIndex: 'province', width: 100 },
            { title: '城市', dataIndex: 'city', width: 110 },
            { title: '区县', dataIndex: 'district', width: 110 },
            { title: '区域（通告原文）', dataIndex: 'name' },
            { title: '等级', dataIndex: 'level', width: 90, render: level },
            { title: '起始时间', dataIndex: 'since', width: 150, render: timeOf },
            { title: '至', dataIndex: 'until', width: 150, render: (u: string | null) => (u ? timeOf(u) : '—') },
            { title: '来源', key: 'source', width: 130, render: (_, a) => source(a) },
            {
              title: '',
              key: 'actions',
              width: 190,
              render: (_, a) => (
                <Space size={0}>
                  {history(a)}
                  {write && <AreaActions area={a} />}
                </Space>
              ),
            },
          ]}
        />
      )}
      <CursorPager pages={pages} next={list.data?.next} total={list.data?.total} unit="个地区" compact={phone} />
      <AreaHistory area={shown} onClose={() => setShown(undefined)} />
    </>
  );
}
