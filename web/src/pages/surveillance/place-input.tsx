import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Form, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api, qs } from '../../api';
import { PlaceOption, whereOf } from '../../components/place-option';
import type { FoundNode } from '../../contracts';

/** An option's value: the place's id, so same-named places stay distinct options (the name would merge them). */
const PICKED = 'place:';

/**
 * The registered places that stops `ids` link to, with where each lies, in one request: how a trajectory loaded
 * for editing, or a case's detail, shows its linked places with their district.
 */
export function useLinkedPlaces(ids: readonly (number | null | undefined)[]): Map<number, FoundNode> {
  const wanted = [...new Set(ids.filter((id): id is number => !!id))].sort((a, b) => a - b).slice(0, 50);
  const linked = useQuery({
    enabled: wanted.length > 0,
    queryKey: ['places', wanted],
    queryFn: () => api.get<{ items: FoundNode[] }>(`/api/surveillance/places${qs({ ids: wanted.join(',') })}`),
    staleTime: 300_000,
  });
  return new Map((linked.data?.items ?? []).map((p) => [p.id, p]));
}

/**
 * The name of a trajectory stop. For a place, typing two characters (a name part, an address, a code or pinyin
 * initials) searches the city's registered places (商铺, 银行网点, 餐馆 …); each option shows where the place
 * lies and its address, and the chosen one stays shown with its district under the input. Choosing links the
 * stop to it and fills its address; typing again unlinks it, so a free name stays possible.
 */
export function PlaceInput({
  row,
  linked,
  id,
  value,
  onChange,
}: {
  row: number;
  /** The places already linked by rows of the form (`useLinkedPlaces`). */
  linked: Map<number, FoundNode>;
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const form = Form.useFormInstance();
  const type = Form.useWatch(['trajectory', row, 'type'], form);
  const placeNodeId = Form.useWatch(['trajectory', row, 'placeNodeId'], form) as number | undefined;
  const [places, setPlaces] = useState<FoundNode[]>([]);
  const [chosen, setChosen] = useState<FoundNode>();
  const latest = useRef('');
  const search = async (q: string) => {
    latest.current = q;
    form.setFieldValue(['trajectory', row, 'placeNodeId'], undefined);
    if (type === 'ride' || q.trim().length < 2) return setPlaces([]);
    const r = await api.get<{ items: FoundNode[] }>(`/api/surveillance/places${qs({ q: q.trim(), limit: 10 })}`);
    if (latest.current === q) setPlaces(r.items); // a slower, older answer must not replace a newer one
  };
  const shown = placeNodeId ? (chosen?.id === placeNodeId ? chosen : linked.get(placeNodeId)) : undefined;
  return (
    <div style={{ width: 260 }}>
      <AutoComplete
        id={id}
        value={value}
        // A chosen option arrives as its value (`place:<id>`): the stop links to that place and takes its address,
        // here and only here, so the link cannot depend on which of change and select the widget fires first.
        onChange={(v: string) => {
          const picked = v.startsWith(PICKED) ? places.find((p) => `${PICKED}${p.id}` === v) : undefined;
          if (picked) {
            setChosen(picked);
            form.setFieldValue(['trajectory', row, 'placeNodeId'], picked.id);
            if (picked.address) form.setFieldValue(['trajectory', row, 'extra'], picked.address);
          }
          onChange?.(picked ? picked.name : v);
        }}
        onSearch={search}
        options={places.map((p) => ({
          key: p.id,
          value: `${PICKED}${p.id}`,
          place: p,
          label: <PlaceOption node={p} kind={false} />,
        }))}
        popupMatchSelectWidth={420}
        placeholder="场所名称、地址或拼音首字母 / 线路"
        style={{ width: '100%' }}
      />
      {shown && (
        <Typography.Text type="secondary" data-testid="place-where" style={{ fontSize: 12, display: 'block' }}>
          {whereOf(shown)}
        </Typography.Text>
      )}
    </div>
  );
}
