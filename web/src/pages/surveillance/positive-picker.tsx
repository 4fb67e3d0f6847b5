import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../api';
import type { Positive } from '../../contracts';
import { caseName } from './labels';

/**
 * Picks positives by typing their report date (2022-11-01) and then the case: the list is searched on the
 * server, so any day of any size can be reached, not only the most recent ones.
 */
export function PositivePicker(props: {
  value?: number | number[];
  onChange?: (v: number | number[]) => void;
  multiple?: boolean;
  testId?: string;
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
}) {
  const [text, setText] = useState('');
  const date = /^\d{4}-\d{2}-\d{2}/.exec(text)?.[0];
  const found = useQuery({
    queryKey: ['positives', 'pick', date],
    queryFn: () => api.get<{ items: Positive[] }>(`/api/surveillance/positives${qs({ date, pageSize: 200 })}`),
  });
  return (
    <Select
      id={props.id}
      data-testid={props.testId}
      mode={props.multiple ? 'multiple' : undefined}
      value={props.value}
      onChange={props.onChange}
      allowClear={props.allowClear}
      style={props.style}
      placeholder={props.placeholder ?? '输入通报日期，如 2022-11-01'}
      showSearch={{ optionFilterProp: 'label', onSearch: setText }}
      options={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.reportDate} ${caseName(p)}` }))}
    />
  );
}
