import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';

/** A list total as the API gives it: exact, or an estimate shown as "约". */
export interface ListTotal {
  value: number;
  exact: boolean;
}

/**
 * Paging by cursor (keyset lists): the cursors of the pages walked so far form a stack, so 下一页 pushes the
 * page's `next` and 上一页 pops back; `reset` (a new filter or page size) starts again at page 1. There is no
 * jump to page N: a cursor list has no cheap offset, and nobody reads page 5,000 of a city's residents by number.
 */
export function useCursorPages(initialPageSize = 20) {
  const [stack, setStack] = useState<string[]>([]);
  const [pageSize, setPageSize] = useState(initialPageSize);
  return {
    /** The cursor of the current page (undefined on the first). */
    after: stack.at(-1),
    pageNumber: stack.length + 1,
    pageSize,
    next: (cursor: string) => setStack((s) => [...s, cursor]),
    back: () => setStack((s) => s.slice(0, -1)),
    reset: () => setStack([]),
    resize: (size: number) => {
      setPageSize(size);
      setStack([]);
    },
  };
}

/** 共 N 人 / 共约 N 人, 第 k 页, 上一页 / 下一页 and the page size, for a page of a cursor list. */
export function CursorPager({
  pages,
  next,
  total,
  unit,
  compact = false,
}: {
  pages: ReturnType<typeof useCursorPages>;
  next: string | null | undefined;
  total: ListTotal | undefined;
  unit: string;
  compact?: boolean;
}) {
  return (
    <Space wrap style={{ justifyContent: compact ? 'center' : 'flex-end', width: '100%', marginTop: 12 }} data-testid="pager">
      {total && (
        <Typography.Text type="secondary">
          共{total.exact ? '' : '约'} {total.value.toLocaleString('zh-CN')} {unit}
        </Typography.Text>
      )}
      <Button icon={<LeftOutlined />} disabled={pages.pageNumber === 1} onClick={pages.back}>
        {compact ? '' : '上一页'}
      </Button>
      <Typography.Text>第 {pages.pageNumber} 页</Typography.Text>
      <Button disabled={!next} onClick={() => next && pages.next(next)}>
        {compact ? '' : '下一页'}
        <RightOutlined />
      </Button>
      {!compact && (
        <Select
          style={{ width: 110 }}
          value={pages.pageSize}
          onChange={pages.resize}
          options={[20, 50, 100].map((n) => ({ value: n, label: `${n} 条/页` }))}
        />
      )}
    </Space>
  );
}
