import { UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { normalizeText } from '../../../../src/kit/input-rules';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ExportButton } from '../../components/export-button';
import { ImportButton } from '../../components/import-button';
import { ListNotices } from '../../components/list-notices';
import { usePhone } from '../../components/phone';
import type { Person, ResidentsPage } from '../../contracts';
import { TAG_LABELS } from '../../labels';
import { PersonDrawer } from './person-drawer';
import { PersonForm } from './person-form';

/** What the search box names: 自动 reads an ID number, a mobile or part of a name. */
const SEARCH_KINDS = [
  { value: '', label: '姓名/证件' },
  { value: 'address', label: '门牌地址' },
  { value: 'compound', label: '小区' },
];

/** 居民台账 and 特殊人群台账: paged by cursor and filtered on the server, import and export of .xlsx. */
export function PeoplePage({ vulnerable = false }: { vulnerable?: boolean }) {
  const [params] = useSearchParams();
  const nodeId = params.get('nodeId') ?? undefined;
  const [q, setQ] = useState('');
  const [by, setBy] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [tag, setTag] = useState<string>(vulnerable ? 'any' : '');
  const pages = useCursorPages();
  const can = useCan();
  const filter = { nodeId, q: q || undefined, by: (q && by) || undefined, tag: tag || undefined };
  const { after, pageSize } = pages;
  const list = useQuery({
    queryKey: ['people', filter, after, pageSize],
    queryFn: () => api.get<ResidentsPage>(`/api/people${qs({ ...filter, after, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const masked = list.data?.items[0]?.masked;
  const phone = usePhone();
  const pager = <CursorPager pages={pages} next={list.data?.next} total={list.data?.total} unit="人" compact={phone} />;

  return (
    <Card
      title={vulnerable ? '特殊人群台账' : '居民台账'}
      extra={
        <Space wrap>
          {can('people.write') && (
            <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="add-person">
              新增居民
            </Button>
          )}
          {can('people.write') && <ImportButton url="/api/people/import" template="/api/people/import/template" />}
          <ExportButton
            url={`/api/people/export${qs({ nodeId, tag: tag || undefined })}`}
            filename={vulnerable ? '特殊人群台账.xlsx' : '居民台账.xlsx'}
          />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Space.Compact>
          <Select style={{ width: 132 }} value={by} onChange={setBy} options={SEARCH_KINDS} aria-label="查找方式" />
          <Input.Search
            placeholder={
              by === 'address' ? '如 3栋2单元501' : by === 'compound' ? '小区名称的一部分' : '姓名的一部分、身份证号或手机号'
            }
            allowClear
            style={{ width: phone ? 200 : 280 }}
            data-testid="people-search"
            onSearch={(v) => {
              setQ(normalizeText(v).trim());
              pages.reset();
            }}
          />
        </Space.Compact>
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
      <ListNotices masked={masked} error={list.error as Error | null} />
      {phone ? (
        <List<Person>
          loading={list.isLoading}
          dataSource={list.data?.items}
          renderItem={(p) => <PersonCard p={p} onOpen={() => setOpen(p.id)} />}
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
          onRow={(p) => ({ onClick: () => setOpen(p.id), style: { cursor: 'pointer' } })}
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
      <PersonDrawer id={open} onClose={() => setOpen(null)} />
      <PersonForm
        open={adding}
        onClose={(saved) => {
          setAdding(false);
          if (saved) setOpen(saved.id);
        }}
      />
    </Card>
  );
}

/** One resident on a phone: name first, a tap-to-call number, the door to knock on. */
function PersonCard({ p, onOpen }: { p: Person; onOpen: () => void }) {
  return (
    <List.Item onClick={onOpen} style={{ cursor: 'pointer' }}>
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
