import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, List, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CONTACT_STATUSES } from '../../../../src/modules/surveillance/contacts/contract';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ExportButton } from '../../components/export-button';
import { ImportButton } from '../../components/import-button';
import { ListNotices } from '../../components/list-notices';
import { usePhone } from '../../components/phone';
import type { Contact, KeysetPage } from '../../contracts';
import { useDistricts } from './cases-page';
import { NewContact } from './contact-form';
import { StatusControl } from './contact-status';
import { CONTACT_KIND_LABELS, CONTACT_STATUS_LABELS } from './labels';
import { PositivePicker } from './positive-picker';

/** The filters a link may carry (the overview's figures, the chain graph's nodes): ?status=&positiveId=&districtId=&kind=&q= */
const FILTERS = ['status', 'positiveId', 'districtId', 'kind', 'q'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/**
 * 密接: close contacts and their contacts, where each stands (待排查 → 已排查 → 已管控 → 已解除) with the count
 * per status, searched by name, ID number or (with people.reveal) phone, filtered by case, district and kind, and
 * exported as filtered. Filters live in the URL so a link opens the list filtered. On a phone each contact is a
 * card. Entering, importing and moving a status are for those who may write contacts.
 */
export function ContactsPage() {
  const write = useCan()('contacts.write');
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const f: Filters = Object.fromEntries(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : [])));
  const pages = useCursorPages(20);
  const { after, pageSize } = pages;
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState(f.q ?? '');
  const districts = useDistricts();
  // From the URL as it is when the change lands, not as this render saw it: two quick changes (a status, then a
  // search) must not undo each other.
  const set = (k: keyof Filters, v: string | number | undefined) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
        return next;
      },
      { replace: true },
    );
    pages.reset();
  };
  const list = useQuery({
    queryKey: ['contacts', 'list', f, after, pageSize],
    queryFn: () => api.get<KeysetPage<Contact>>(`/api/surveillance/contacts${qs({ ...f, after, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const { status: _s, q: _q, ...scope } = f;
  const totals = useQuery({
    queryKey: ['contacts', 'totals', scope],
    queryFn: () => api.get<Record<string, number>>(`/api/surveillance/contacts/totals${qs(scope)}`),
  });
  const all = Object.values(totals.data ?? {}).reduce((a, b) => a + b, 0);
  const masked = list.data?.items[0]?.masked;
  const pager = <CursorPager pages={pages} next={list.data?.next} total={list.data?.total} unit="人" compact={phone} />;
  return (
    <Card
      title="密切接触者"
      extra={
        <Space wrap>
          <ExportButton
            url={`/api/surveillance/contacts/export${qs(f)}`}
            label={phone ? '导出' : '导出名单'}
            filename="密接名单.xlsx"
          />
          {write && !phone && (
            <ImportButton
              url="/api/surveillance/contacts/import"
              label="导入密接名单"
              template="/api/surveillance/contacts/import/template"
            />
          )}
          {write && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-contact">
              登记密接
            </Button>
          )}
        </Space>
      }
    >
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          data-testid="status-filter"
          value={f.status ?? ''}
          onChange={(v) => set('status', v as string)}
          options={[
            { value: '', label: `全部 ${all}` },
            ...CONTACT_STATUSES.map((s) => ({ value: s, label: `${CONTACT_STATUS_LABELS[s]} ${totals.data?.[s] ?? 0}` })),
          ]}
        />
      </div>
      <Flex wrap vertical={phone} gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          data-testid="contact-search"
          placeholder="姓名、身份证号或手机号"
          style={{ width: phone ? '100%' : 260 }}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set('q', v.trim())}
        />
        <PositivePicker
          allowClear
          placeholder="关联病例：输入通报日期"
          style={{ width: phone ? '100%' : 260 }}
          value={f.positiveId ? Number(f.positiveId) : undefined}
          onChange={(v) => set('positiveId', v as number | undefined)}
        />
        {districts.length > 1 && (
          <Select
            allowClear
            placeholder="全部区县"
            style={{ width: phone ? '100%' : 130 }}
            value={f.districtId ? Number(f.districtId) : undefined}
            onChange={(v) => set('districtId', v)}
            options={districts.map((d) => ({ value: d.id, label: d.name }))}
          />
        )}
        <Select
          allowClear
          placeholder="全部类型"
          style={{ width: phone ? '100%' : 130 }}
          value={f.kind}
          onChange={(v) => set('kind', v)}
          options={Object.entries(CONTACT_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Flex>
      <ListNotices masked={masked} error={list.error as Error | null} />
      {phone ? (
        <List<Contact>
          loading={list.isLoading}
          dataSource={list.data?.items}
          locale={{ emptyText: '没有符合条件的密接' }}
          renderItem={(c) => <ContactCard c={c} write={write} />}
          footer={pager}
        />
      ) : (
        <Table<Contact>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items}
          locale={{ emptyText: '没有符合条件的密接' }}
          pagination={false}
          footer={() => pager}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '类型', dataIndex: 'kind', width: 110, render: (k: string) => <Tag>{CONTACT_KIND_LABELS[k]}</Tag> },
            { title: '身份证号', dataIndex: 'idNumber', width: 190 },
            { title: '联系电话', dataIndex: 'phone', width: 130 },
            { title: '来源', dataIndex: 'sourceLabel' },
            { title: '状态', width: 200, render: (_, c) => <StatusControl c={c} write={write} /> },
          ]}
        />
      )}
      <NewContact open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}

/** One contact on a phone: the name and where it stands first, a tap-to-call number, where it comes from. */
function ContactCard({ c, write }: { c: Contact; write: boolean }) {
  return (
    <List.Item data-testid={`contact-card-${c.id}`}>
      <div style={{ width: '100%' }}>
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {c.name}
          </Typography.Text>
          <StatusControl c={c} write={write} />
        </Space>
        <div style={{ color: '#666' }}>
          {CONTACT_KIND_LABELS[c.kind]} · 来源：{c.sourceLabel}
        </div>
        {c.idNumber && <div>{c.idNumber}</div>}
        {c.phone && (c.masked ? <div>{c.phone}</div> : <a href={`tel:${c.phone}`}>{c.phone}</a>)}
      </div>
    </List.Item>
  );
}
