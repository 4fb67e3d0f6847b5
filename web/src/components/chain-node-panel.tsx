import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Skeleton, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api, qs } from '../api';
import type { Positive } from '../contracts';
import { CONTACT_KIND_LABELS, CONTACT_STATUS_LABELS, caseName, KIND_LABELS, SEVERITY_LABELS } from '../pages/surveillance/labels';
import type { ChainGraphData, ChainNode } from './chain-layout';

const isPositive = (n: ChainNode) => n.kind === 'confirmed' || n.kind === 'asymptomatic';

/** A positive's record as the cases API returns it (masked as it masks), with a link to its detail. */
function CaseRecord({ id }: { id: number }) {
  const detail = useQuery({ queryKey: ['positive', id], queryFn: () => api.get<Positive>(`/api/surveillance/positives/${id}`) });
  const p = detail.data;
  if (!p) return <Skeleton active />;
  return (
    <Descriptions column={1} size="small" bordered data-testid="chain-record">
      <Descriptions.Item label="病例">{caseName(p)}</Descriptions.Item>
      <Descriptions.Item label="类型">{KIND_LABELS[p.kind]}</Descriptions.Item>
      {p.severity && <Descriptions.Item label="临床分型">{SEVERITY_LABELS[p.severity]}</Descriptions.Item>}
      <Descriptions.Item label="报告日期">{p.reportDate}</Descriptions.Item>
      <Descriptions.Item label="区县">{p.district}</Descriptions.Item>
      <Descriptions.Item label="发现途径">{p.channel}</Descriptions.Item>
      <Descriptions.Item label="状态">
        {p.transferredTo ? `已转运至${p.transferredTo}` : '未登记转运'}
        {p.reclassified && <Tag style={{ marginLeft: 8 }}>已订正</Tag>}
      </Descriptions.Item>
      {p.residence && <Descriptions.Item label="住址">{p.residence}</Descriptions.Item>}
      <Descriptions.Item label="详情">
        <Link to={`/cases${qs({ id })}`}>查看病例详情</Link>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** A contact's record from the graph itself (name, kind, status, source), with a link to the contacts list. */
function ContactRecord({ data, node }: { data: ChainGraphData; node: ChainNode }) {
  const sourceOf = new Map(data.edges.map((e) => [e.target, e.source]));
  const label = (id: string | undefined) => (id ? data.nodes.find((n) => n.id === id)?.label : undefined);
  const source = sourceOf.get(node.id);
  // The case the contact was traced from: its source, or its source's source for a contact of a contact.
  const caseId = node.kind === 'close' ? source : source && sourceOf.get(source);
  return (
    <Descriptions column={1} size="small" bordered data-testid="chain-record">
      <Descriptions.Item label="姓名">{node.label}</Descriptions.Item>
      <Descriptions.Item label="类别">{CONTACT_KIND_LABELS[node.kind]}</Descriptions.Item>
      <Descriptions.Item label="状态">{node.status ? CONTACT_STATUS_LABELS[node.status] : '—'}</Descriptions.Item>
      <Descriptions.Item label="来源">{label(source) ?? '不在本图中'}</Descriptions.Item>
      <Descriptions.Item label="密接列表">
        <Link to={`/contacts${qs({ positiveId: caseId?.slice(1), q: node.label })}`}>在密接列表中查看</Link>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The side panel of the chain graph: the record of the clicked person. */
export function ChainNodePanel({ data, node, onClose }: { data: ChainGraphData; node?: ChainNode; onClose: () => void }) {
  return (
    <Drawer open={!!node} onClose={onClose} title={node?.label} size="default" mask={false} destroyOnHidden>
      {node && (isPositive(node) ? <CaseRecord id={Number(node.id.slice(1))} /> : <ContactRecord data={data} node={node} />)}
    </Drawer>
  );
}
