import { Grid } from 'antd';

/**
 * True below Ant Design's `md` breakpoint (768 px): the field pages (community, street, sampler, door knocker)
 * then draw cards instead of wide tables and the menu becomes a drawer over the page. One definition, so every
 * page switches at the same width.
 */
export const usePhone = (): boolean => {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: assume a phone only when the window says so.
  if (screens.md === undefined) return typeof window !== 'undefined' && window.innerWidth < 768;
  return !screens.md;
};
