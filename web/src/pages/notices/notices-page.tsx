import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateHour } from '../../../../src/lib/zh-words';
import { useCan } from '../../access';
import { api } from '../../api';
import { usePhone } from '../../components/phone';
import { VersionsTable } from '../../components/versions-table';
import type { NoticeVersion } from '../../contracts';
import { NoticeComposer } from './notice-composer';

const BASE = '/api/notices';
const since = (v: NoticeVersion) => `自${formatDateHour(v.startsAt)}起`;

/**
 * 风险等级通告: the city HQ's publishers compose, review and publish (NoticeComposer); every other reader (the CDC,
 * districts, streets, communities) sees the published notices, as cards on a phone.
 */
export function NoticesPage() {
  const can = useCan();
  return can('notices.publish') ? <NoticeComposer /> : <PublishedNotices />;
}

function PublishedNotices() {
  const phone = usePhone();
  const versions = useQuery({ queryKey: ['notices'], queryFn: () => api.get<{ items: NoticeVersion[] }>(`${BASE}?pageSize=30`) });
  const items = versions.data?.items;
  if (!phone)
    return (
      <Card title="已发布的风险等级通告">
        <VersionsTable
          items={items}
          loading={versions.isLoading}
          dateOf={(v) => `${v.title}（${since(v)}）`}
          base={BASE}
          queryKey="notices"
          printPath="/notices/print"
          onEdit={() => undefined}
          onCorrect={() => undefined}
        />
      </Card>
    );
  return (
    <List
      loading={versions.isLoading}
      dataSource={items}
      locale={{ emptyText: <Empty description="暂无已发布的通告" /> }}
      renderItem={(v) => (
        <Card size="small" style={{ marginBottom: 8 }} title={v.title} data-testid={`notice-card-${v.id}`}>
          <Space wrap>
            <span>{since(v)}</span>
            <Tag color="green">第{v.version}版</Tag>
            {v.correctionReason && <span>更正：{v.correctionReason}</span>}
            <Link to={`/notices/print/${v.id}`}>查看全文</Link>
            <a href={`${BASE}/${v.id}/text`}>文本</a>
          </Space>
        </Card>
      )}
    />
  );
}
