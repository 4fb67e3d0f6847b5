import type { PaginationProps } from 'antd';

/**
 * The pager of a short list paged by number (children of a node, accounts, place tasks: hundreds, never
 * millions; those page by cursor, components/cursor-pager.tsx). None while everything fits one page, so an
 * empty or short list never shows "1 / 0"; on a phone the compact form.
 */
export function pageNumbers(
  total: number | undefined,
  page: number,
  pageSize: number,
  onChange: (page: number) => void,
  phone = false,
): PaginationProps | false {
  if ((total ?? 0) <= pageSize) return false;
  return {
    current: page,
    pageSize,
    total,
    onChange,
    showSizeChanger: false,
    ...(phone ? { simple: true, align: 'center' } : {}),
  };
}
