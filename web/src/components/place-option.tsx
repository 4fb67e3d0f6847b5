import { Typography } from 'antd';
import type { FoundNode } from '../contracts';
import { NODE_LABELS } from '../labels';

/** Where a node lies, as one line: 平房区 · 平盛街道 · 宇光社区 (the city itself when it has no trail). */
export const whereOf = (n: Pick<FoundNode, 'trail'>) => n.trail.join(' · ');

/**
 * A node as every picker and search offers it: the name (and its kind) on the first line, where it lies and its
 * address on the second in the secondary colour, so six 光华便民超市 are six different places.
 */
export function PlaceOption({ node, kind = true }: { node: FoundNode; kind?: boolean }) {
  const where = [whereOf(node), node.address].filter(Boolean).join('　');
  return (
    <div data-testid="place-option" style={{ lineHeight: 1.4, padding: '2px 0' }}>
      <div>
        {node.name}
        {kind && <Typography.Text type="secondary">（{NODE_LABELS[node.type] ?? node.type}）</Typography.Text>}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
        {where || '全市'}
      </Typography.Text>
    </div>
  );
}
