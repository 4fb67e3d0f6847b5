import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../api';
import { PlaceOption, whereOf } from '../../components/place-option';
import type { FoundNode } from '../../contracts';

/**
 * A searchable picker of territory nodes of `types` in the caller's scope (by name, code, address or pinyin
 * initials), each shown with where it lies; its values are node ids. `known` are the nodes already chosen
 * (editing a point), so their labels show before any search.
 */
export function PoolNodeSelect({
  types,
  multiple = false,
  known = [],
  value,
  onChange,
  placeholder,
}: {
  types: string[];
  multiple?: boolean;
  known?: { id: number; name: string }[];
  value?: number | number[];
  onChange?: (v: number | number[]) => void;
  placeholder?: string;
}) {
  const [q, setQ] = useState('');
  const found = useQuery({
    enabled: q.trim().length > 0,
    queryKey: ['territory-search', q, types],
    queryFn: () => api.get<{ items: FoundNode[] }>(`/api/territory/search${qs({ q: q.trim(), type: types.join(',') })}`),
  });
  const options = [
    ...known.map((n) => ({ value: n.id, label: n.name, node: undefined as FoundNode | undefined })),
    ...(found.data?.items ?? [])
      .filter((n) => !known.some((k) => k.id === n.id))
      .map((n) => ({ value: n.id, label: `${n.name}（${whereOf(n)}）`, node: n as FoundNode | undefined })),
  ];
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={placeholder ?? '输入名称、编码或拼音首字母搜索'}
      popupMatchSelectWidth={460}
      options={options}
      optionRender={(o) => (o.data.node ? <PlaceOption node={o.data.node} /> : o.data.label)}
    />
  );
}
