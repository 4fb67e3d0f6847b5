import { useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { api, qs } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ExportButton } from '../../components/export-button';
import { ListNotices } from '../../components/list-notices';
import { usePhone } from '../../components/phone';
import type { TestingMissingPage } from '../../contracts';

type Row = TestingMissingPage['items'][number];

const floorOf = (f: number | null) => (f === null ? '—' : `${f}层`);
const desktopColumns = [
  { title: '姓名', dataIndex: 'name', width: 120 },
  { title: '住户', dataIndex: 'household' },
  { title: '楼层', dataIndex: 'floor', width: 80, render: floorOf },
  { title: '电话', dataIndex: 'phone', width: 150, render: (p: string | null) => p ?? '—' },
];
/** On a door knocker's phone: the person and the floor on one line, the household under it, the phone a tap away. */
const phoneColumns = [
  {
    title: '姓名 · 住户',
    key: 'who',
    render: (_: unknown, r: Row) => (
      <>
        <Typography.Text strong>{r.name}</Typography.Text> · {floorOf(r.floor)}
        <br />
        <Typography.Text type="secondary">{r.household}</Typography.Text>
      </>
    ),
  },
  {
    title: '电话',
    dataIndex: 'phone',
    width: 130,
    render: (p: string | null) => (p && !p.includes('*') ? <a href={`tel:${p}`}>{p}</a> : (p ?? '—')),
  },
];

/**
 * 漏检名单: who under the chosen node is neither sampled nor exempted, by household, for the door-knocking group;
 * 导出漏检名单 downloads the node's whole list to print (the kit's streamed export, with its progress).
 */
export function MissingList({ roundId, nodeId, nodeName }: { roundId: number; nodeId: number; nodeName: string }) {
  const pages = useCursorPages(100);
  const phone = usePhone();
  // A new node or round starts at the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the list's subject changes
  useEffect(() => pages.reset(), [roundId, nodeId]);
  const list = useQuery({
    queryKey: ['testing-missing', roundId, nodeId, pages.after, pages.pageSize],
    queryFn: () =>
      api.get<TestingMissingPage>(
        `/api/testing/rounds/${roundId}/missing${qs({ nodeId, after: pages.after, pageSize: pages.pageSize })}`,
      ),
    refetchInterval: 10_000,
  });
  return (
    <Card
      size="small"
      title={`漏检名单 · ${nodeName}`}
      style={{ marginTop: 16 }}
      data-testid="missing-list"
      // The whole list of the node as the door knockers print it: by unit, floor by floor (the server names the file).
      extra={
        <ExportButton
          url={`/api/testing/rounds/${roundId}/missing/export${qs({ nodeId })}`}
          label={phone ? '导出' : '导出漏检名单'}
          filename={`漏检名单-${nodeName}.xlsx`}
        />
      }
    >
      <ListNotices masked={list.data?.items[0]?.masked} error={list.error} />
      <Table<Row>
        rowKey="personId"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        locale={{ emptyText: '没有漏检人员：应检人员均已采样或登记免检' }}
        columns={phone ? phoneColumns : desktopColumns}
      />
      <CursorPager pages={pages} next={list.data?.next} total={undefined} unit="人" />
    </Card>
  );
}
