import { AutoComplete, Form } from 'antd';
import { useRef, useState } from 'react';
import { api, qs } from '../../api';
import type { TerritoryNode } from '../../contracts';

type Place = Pick<TerritoryNode, 'id' | 'name' | 'address'>;

/**
 * The name of a trajectory stop. For a place, typing two characters searches the territory's registered places
 * (商铺, 银行网点, 餐馆 …); choosing one links the stop to it and fills its address. Typing again unlinks it, so a
 * free name stays possible for places the territory does not hold.
 */
export function PlaceInput({
  row,
  id,
  value,
  onChange,
}: {
  row: number;
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const form = Form.useFormInstance();
  const type = Form.useWatch(['trajectory', row, 'type'], form);
  const [places, setPlaces] = useState<Place[]>([]);
  const latest = useRef('');
  const search = async (q: string) => {
    latest.current = q;
    form.setFieldValue(['trajectory', row, 'placeNodeId'], undefined);
    if (type === 'ride' || q.trim().length < 2) return setPlaces([]);
    const r = await api.get<{ items: Place[] }>(`/api/territory/search${qs({ q: q.trim(), type: 'place', limit: 10 })}`);
    if (latest.current === q) setPlaces(r.items); // a slower, older answer must not replace a newer one
  };
  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={onChange}
      onSearch={search}
      onSelect={(_: string, option: { place: Place }) => {
        form.setFieldValue(['trajectory', row, 'placeNodeId'], option.place.id);
        if (option.place.address) form.setFieldValue(['trajectory', row, 'extra'], option.place.address);
      }}
      options={places.map((p) => ({
        key: p.id,
        value: p.name,
        place: p,
        label: `${p.name}${p.address ? ` · ${p.address}` : ''}`,
      }))}
      placeholder="场所名称 / 线路"
      style={{ width: 220 }}
    />
  );
}
