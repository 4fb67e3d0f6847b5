import { DownloadOutlined, ExpandOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Space, Tooltip, Typography } from 'antd';
import cytoscape, { type Core } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type ChainGraphData, type ChainNode, groupId, LABEL_FONT, type TreeLayout } from './chain-layout';
import { ChainNodePanel } from './chain-node-panel';
import { useTreeLayout } from './use-tree-layout';

export type { ChainGraphData } from './chain-layout';

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle',
      width: 'data(width)',
      height: 'data(height)',
      label: 'data(label)',
      'font-size': LABEL_FONT,
      'text-valign': 'center',
      'text-halign': 'center',
      'text-wrap': 'ellipsis',
      'text-max-width': 'data(width)',
      'min-zoomed-font-size': 5,
      'border-width': 1,
    },
  },
  {
    selector: 'node[kind = "confirmed"]',
    style: { 'background-color': '#c0392b', 'border-color': '#922b21', color: '#fff', 'font-weight': 'bold' },
  },
  {
    selector: 'node[kind = "asymptomatic"]',
    style: { 'background-color': '#e67e22', 'border-color': '#a04000', color: '#fff', 'font-weight': 'bold' },
  },
  { selector: 'node[?member]', style: { 'border-width': 3, 'border-color': '#641e16' } },
  { selector: 'node[kind = "close"]', style: { 'background-color': '#eaf2fb', 'border-color': '#2980b9', color: '#1b4f72' } },
  {
    selector: 'node[kind = "secondary"]',
    style: { 'background-color': '#f4f6f6', 'border-color': '#95a5a6', color: '#424949' },
  },
  {
    selector: 'node[kind = "group"]',
    style: { 'background-color': '#fff', 'border-color': '#8c8c8c', 'border-style': 'dashed', color: '#595959' },
  },
  { selector: 'node.found', style: { 'border-width': 4, 'border-color': '#faad14', 'underlay-opacity': 0 } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#1677ff' } },
  {
    selector: 'edge',
    style: {
      width: 1,
      'line-color': '#bfbfbf',
      'curve-style': 'taxi',
      'taxi-direction': 'rightward',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#bfbfbf',
      'arrow-scale': 0.7,
    },
  },
  { selector: 'edge[relation = "传播"]', style: { width: 2, 'line-color': '#c0392b', 'target-arrow-color': '#c0392b' } },
  {
    selector: 'edge[?labelled]',
    style: {
      label: 'data(relation)',
      'font-size': 9,
      color: '#8c8c8c',
      'text-background-color': '#fff',
      'text-background-opacity': 1,
      'min-zoomed-font-size': 6,
    },
  },
];

/** The groups to open so that `id` is drawn: its own fan (a close contact) or its fan and its source's fan. */
function groupsAbove(data: ChainGraphData, id: string) {
  const sourceOf = new Map(data.edges.map((e) => [e.target, e.source]));
  const node = data.nodes.find((n) => n.id === id);
  const source = sourceOf.get(id);
  if (!node || !source) return [];
  if (node.kind === 'close') return [groupId('close', source), groupId('stray', '')];
  if (node.kind === 'secondary') return [groupId('secondary', source), groupId('close', sourceOf.get(source) ?? '')];
  return [];
}

/** Draws a layout into `cy`: replaces the elements, keeps nothing of the previous drawing's positions. */
function draw(cy: Core, layout: TreeLayout) {
  cy.batch(() => {
    cy.elements().remove();
    cy.add([
      ...layout.nodes.map((n) => ({ group: 'nodes' as const, data: n, position: { x: n.x, y: n.y } })),
      ...layout.edges.map((e) => ({ group: 'edges' as const, data: e })),
    ]);
  });
}

/**
 * The transmission chain as a layered tree read left to right: cases in red (confirmed) and orange
 * (asymptomatic), cluster members with a dark border, close contacts in blue boxes, contacts of contacts and
 * large fans folded into dashed "+N" nodes that open on click. Every label sits inside its node's box and dagre
 * keeps boxes apart, so no two labels overlap at any zoom. A click on a person opens its record on the side;
 * the toolbar fits, zooms, finds a name and exports a PNG. The layout runs in a worker (`useTreeLayout`).
 * Give it a `key` per chain: a new chain starts folded, in its default view.
 */
export function ChainGraph({ data }: { data: ChainGraphData }) {
  const { message } = App.useApp();
  const el = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const mounted = useRef(performance.now());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [focus, setFocus] = useState<string>();
  const [selected, setSelected] = useState<ChainNode>();
  const [query, setQuery] = useState('');
  const result = useTreeLayout(data, expanded);
  const byId = useMemo(() => new Map(data.nodes.map((n) => [n.id, n])), [data]);

  useEffect(() => {
    const container = el.current;
    if (!container) return;
    const c = cytoscape({ container, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.02, maxZoom: 3 });
    cy.current = c;
    // The end-to-end test finds a node's rendered position through it, to click it as a person does.
    Object.assign(container, { cy: c });
    // Cytoscape measures its container once; the card settles its size after the first paint, and the window
    // changes it: re-measured on every change, so clicks land where the nodes are drawn.
    const resized = new ResizeObserver(() => c.resize());
    resized.observe(container);
    return () => {
      resized.disconnect();
      c.destroy();
      cy.current = null;
    };
  }, []);

  // Clicks: a group opens (and stays in view), a person opens its record.
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    const onTap = (e: cytoscape.EventObject) => {
      const n = e.target.data() as { id: string; kind: string };
      if (n.kind === 'group') {
        setExpanded((s) => new Set([...s, n.id]));
        setFocus(undefined);
      } else setSelected(byId.get(n.id));
    };
    c.on('tap', 'node', onTap);
    return () => {
      c.off('tap', 'node', onTap);
    };
  }, [byId]);

  const layoutMs = result?.ms;
  useEffect(() => {
    const c = cy.current;
    const container = el.current;
    if (!c || !container || !result) return;
    const first = c.elements().empty();
    const keep = { zoom: c.zoom(), pan: c.pan() };
    c.resize();
    draw(c, result.layout);
    const target = focus ? c.getElementById(focus) : null;
    if (target?.nonempty()) {
      c.nodes('.found').removeClass('found');
      target.addClass('found');
      c.zoom(Math.max(keep.zoom, 1));
      c.center(target);
    } else if (first) {
      // The default view: the whole chain when it fits legibly, else the first case at full size, its chain to the right.
      c.fit(undefined, 16);
      if (c.zoom() < 0.75) {
        const positives = c.nodes('[kind = "confirmed"], [kind = "asymptomatic"]');
        const root = positives
          .sort((a, b) => a.data('x') - b.data('x'))
          .first()
          .data() as TreeLayout['nodes'][0] | undefined;
        c.zoom(1);
        if (root) c.pan({ x: 24 + root.width / 2 - root.x, y: c.height() / 2 - root.y });
      }
    } else c.viewport(keep);
    // Marks what was drawn: tests wait on it, the benchmark reads the time from mount to the first drawing.
    container.setAttribute('data-layout-ms', (layoutMs ?? 0).toFixed(0));
    container.setAttribute('data-drawn-nodes', String(result.layout.nodes.length));
    if (first) container.setAttribute('data-drawn-ms', (performance.now() - mounted.current).toFixed(0));
  }, [result, focus, layoutMs]);

  const options = useMemo(() => {
    const q = query.trim();
    if (!q) return [];
    const sourceOf = new Map(data.edges.map((e) => [e.target, e.source]));
    // Same names are told apart by whom they were traced from.
    const from = (id: string) => {
      const source = sourceOf.get(id);
      return source ? `，来自${byId.get(source)?.label}` : '';
    };
    return data.nodes
      .filter((n) => n.label.includes(q))
      .slice(0, 20)
      .map((n) => ({
        value: n.id,
        label: `${n.label}（${n.kind === 'close' ? '密接' : n.kind === 'secondary' ? '次密接' : '病例'}${from(n.id)}）`,
      }));
  }, [data, query, byId]);
  const find = (id: string) => {
    setExpanded((s) => new Set([...s, ...groupsAbove(data, id)]));
    setFocus(id);
    setSelected(byId.get(id));
  };
  const zoomBy = (f: number) => {
    const c = cy.current;
    if (c) c.zoom({ level: c.zoom() * f, renderedPosition: { x: c.width() / 2, y: c.height() / 2 } });
  };
  const exportPng = async () => {
    const c = cy.current;
    if (!c) return;
    const blob = await c.png({ output: 'blob-promise', full: true, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = '传播链.png';
    a.click();
    URL.revokeObjectURL(a.href);
    message.success('已导出传播链图片');
  };
  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        <AutoComplete
          style={{ width: 220 }}
          options={options}
          value={query}
          onChange={setQuery}
          onSelect={(id: string) => {
            find(id);
            setQuery(byId.get(id)?.label ?? '');
          }}
          placeholder="搜索姓名或病例"
          allowClear
          aria-label="搜索姓名或病例"
          data-testid="chain-search"
        />
        <Tooltip title="适应画布">
          <Button icon={<ExpandOutlined />} onClick={() => cy.current?.fit(undefined, 16)} aria-label="适应画布" />
        </Tooltip>
        <Tooltip title="放大">
          <Button icon={<ZoomInOutlined />} onClick={() => zoomBy(1.25)} aria-label="放大" />
        </Tooltip>
        <Tooltip title="缩小">
          <Button icon={<ZoomOutOutlined />} onClick={() => zoomBy(0.8)} aria-label="缩小" />
        </Tooltip>
        <Button icon={<DownloadOutlined />} onClick={exportPng}>
          导出图片
        </Button>
        {expanded.size > 0 && <Button onClick={() => setExpanded(new Set())}>全部收起</Button>}
        <Typography.Text type="secondary">虚线框为折叠的密接，点击展开</Typography.Text>
      </Space>
      <div
        ref={el}
        data-testid="chain-graph"
        style={{
          width: '100%',
          height: 'max(420px, calc(100vh - 300px))',
          border: '1px solid #f0f0f0',
          borderRadius: 8,
          background: '#fafafa',
        }}
      />
      <ChainNodePanel data={data} node={selected} onClose={() => setSelected(undefined)} />
    </div>
  );
}
