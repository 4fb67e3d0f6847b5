import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { api } from '../../api';
import type { ZoneCounts } from '../../contracts';

type Row = ZoneCounts['items'][number];
const n = (v: number) => v.toLocaleString('zh-CN');

/** 管控区域: per district, the compounds sealed, controlled and under precaution now, and the residents inside. */
export function ZonesTab() {
  const zones = useQuery({ queryKey: ['risk-zones'], queryFn: () => api.get<ZoneCounts>('/api/risk/zones') });
  const pair = (k: keyof Row['compounds']) => (_: unknown, r: Row) => `${n(r.compounds[k])} 个 / ${n(r.people[k])} 人`;
  return (
    <Table<Row>
      rowKey="districtId"
      size="middle"
      loading={zones.isLoading}
      dataSource={zones.data?.items}
      pagination={false}
      scroll={{ x: 560 }}
      locale={{ emptyText: '当前没有封控、管控或防范区域' }}
      columns={[
        { title: '区县', dataIndex: 'district', width: 100 },
        {
          title: '管控小区合计',
          render: (_, r) => n(r.compounds.sealed + r.compounds.controlled + r.compounds.precaution),
        },
        { title: '封控区（小区 / 居民）', render: pair('sealed') },
        { title: '管控区（小区 / 居民）', render: pair('controlled') },
        { title: '防范区（小区 / 居民）', render: pair('precaution') },
      ]}
    />
  );
}
