import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../api';
import type { ResidentsPage } from '../../contracts';

/**
 * Picks a dwelling (户) by its address: typing "3栋2单元501" searches the residents' addresses in scope (the
 * server's address search) and offers each household found once. `current` labels the value already set.
 */
export function HouseholdPicker({
  value,
  onChange,
  current,
}: {
  value?: number;
  onChange?: (v: number) => void;
  current?: { id: number; address: string };
}) {
  const [q, setQ] = useState('');
  const found = useQuery({
    enabled: q.length >= 2,
    queryKey: ['households', q],
    queryFn: () => api.get<ResidentsPage>(`/api/people${qs({ by: 'address', q, pageSize: 50 })}`),
  });
  const options = new Map<number, string>();
  if (current) options.set(current.id, current.address);
  for (const p of found.data?.items ?? []) if (!options.has(p.householdId)) options.set(p.householdId, p.address);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.normalize('NFKC').trim()) }}
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      placeholder="输入门牌查找，如 3栋2单元501"
      notFoundContent={q.length >= 2 ? '没有找到该门牌的住户' : '请输入至少两个字'}
      options={[...options].map(([id, address]) => ({ value: id, label: address }))}
      data-testid="household-picker"
    />
  );
}
