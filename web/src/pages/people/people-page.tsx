import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Grid, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ExportButton } from '../../components/export-button';
import { ImportButton } from '../../components/import-button';
import type { Person, ResidentsPage } from '../../contracts';
import { TAG_LABELS } from '../../labels';

/** 居民台账 and 特殊人群台账: paged by cursor and filtered on the server, import and export of .xlsx. */
export function PeoplePage({ vulnerable = false }: { vulnerable?: boolean }) {
  const [params] = useSearchParams();
  const nodeId = params.get('nodeId') ?? undefined;
  const [q, setQ] = useState('');
  const [tag, setTag] = useState<string>(vulnerable ? 'any' : '');
  const pages = useCursorPages();
  const can = useCan();
  const filter = { nodeId, q: q || undefined, tag: tag || undefined };
  const { after, pageSize } = pages;
  const list = useQuery({
    queryKey: ['people', filter, after, pageSize],
    queryFn: () => api.get<ResidentsPage>(`/api/people${qs({ ...filter, after, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const masked = list.data?.items[0]?.masked;
  const phone = !Grid.useBreakpoint().md;
  const pager = <CursorPager pages={pages} next={list.data?.next} total={list.data?.total} unit="人" compact={phone} />;

  return (
    <Card
      title={vulnerable ? '特殊人群台账' : '居民台账'}
      extra={
        <Space wrap>
          {can('people.write') && <ImportButton url="/api/people/import" template="/api/people/import/template" />}
          <ExportButton
            url={`/api/people/export${qs({ nodeId, tag: tag || undefined })}`}
            filename={vulnerable ? '特殊人群台账.xlsx' : '居民台账.xlsx'}
          />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder="姓名或身份证号"
          allowClear
          style={{ width: 240 }}
          onSearch={(v) => {
            setQ(v.trim());
            pages.reset();
          }}
        />
        <Select
          style={{ width: 180 }}
          value={tag}
          onChange={(v) => {
            setTag(v);
            pages.reset();
          }}
          options={[
            ...(vulnerable ? [] : [{ value: '', label: '全部居民' }]),
            { value: 'any', label: '全部特殊人群' },
            ...Object.entries(TAG_LABELS).map(([value, label]) => ({ value, label })),
          ]}
        />
      </Space>
      {masked === false && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="您可查看完整身份证号和电话；每次查看均记入审计日志。"
        />
      )}
      {list.error && <Alert type="error" showIcon title={(list.error as Error).message} style={{ marginBottom: 12 }} />}
      {phone ? (
        <List<Person>
          loading={list.isLoading}
          dataSource={list.data?.items}
          renderItem={(p) => <PersonCard p={p} />}
          footer={pager}
        />
      ) : (
        <Table<Person>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items}
          scroll={{ x: 900 }}
          pagination={false}
          footer={() => pager}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '性别', dataIndex: 'sex', width: 60, render: (s) => (s === 'M' ? '男' : '女') },
            { title: '年龄', dataIndex: 'age', width: 70, render: (age: number) => `${age}岁` },
            { title: '身份证号', dataIndex: 'idNumber', width: 190 },
            { title: '联系电话', dataIndex: 'phone', width: 130 },
            { title: '住址', dataIndex: 'address' },
            {
              title: '特殊人群',
              dataIndex: 'tags',
              render: (tags: string[]) =>
                tags.map((t) => (
                  <Tag color="orange" key={t}>
                    {TAG_LABELS[t] ?? t}
                  </Tag>
                )),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** One resident on a phone: name first, a tap-to-call number, the door to knock on. */
function PersonCard({ p }: { p: Person }) {
  return (
    <List.Item>
      <div style={{ width: '100%' }}>
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {p.name}
          </Typography.Text>
          <span>
            {p.sex === 'M' ? '男' : '女'} · {p.age}岁
          </span>
        </Space>
        <div>{p.idNumber}</div>
        {p.phone && (p.masked ? <div>{p.phone}</div> : <a href={`tel:${p.phone}`}>{p.phone}</a>)}
        <div style={{ color: '#666' }}>{p.address}</div>
        {p.tags.map((t) => (
          <Tag color="orange" key={t}>
            {TAG_LABELS[t] ?? t}
          </Tag>
        ))}
      </div>
    </List.Item>
  );
}
