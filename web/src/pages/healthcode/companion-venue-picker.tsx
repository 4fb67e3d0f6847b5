import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../api';
import type { CompanionVenues } from '../../contracts';

/**
 * Picks the venue of a trajectory entry the CDC adds by hand (流调补录): typed part of its name, searched on the
 * server city-wide; each option shows where the venue stands, since many shops share a name.
 */
export function CompanionVenuePicker(props: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['companions', 'venues', q],
    queryFn: () => api.get<CompanionVenues>(`/api/healthcode/companions/venues${qs({ q })}`),
    enabled: q.trim().length > 0,
  });
  return (
    <Select
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      style={{ width: 320 }}
      placeholder="输入场所名称"
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={q ? (found.isFetching ? '查找中…' : '未找到场所') : '输入场所名称查找'}
      options={(found.data?.items ?? []).map((v) => ({
        value: v.id,
        label: (
          <span>
            {v.name}
            <span style={{ color: '#8c8c8c', marginLeft: 8 }}>{v.trail.join(' · ')}</span>
          </span>
        ),
      }))}
    />
  );
}
