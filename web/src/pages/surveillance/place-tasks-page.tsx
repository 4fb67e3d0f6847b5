import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import { pageNumbers } from '../../components/page-numbers';
import type { PlaceTask } from '../../contracts';
import { caseName } from './labels';

const TASKS = { disinfection: { label: '终末消毒', color: 'volcano' }, closure: { label: '封闭管理', color: 'purple' } };
const STATUSES = [
  { value: 'open', label: '待处置' },
  { value: 'done', label: '已完成' },
  { value: 'all', label: '全部' },
];

/**
 * 场所处置: the terminal disinfection and closure of the places cases visited, for the workers of the place's
 * district, street or community. A list of cards, so it works on a phone at the place's door.
 */
export function PlaceTasksPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const write = useCan()('place_tasks.write');
  // The overview links here by status (?status=open|done).
  const [status, setStatus] = useState(useSearchParams()[0].get('status') ?? 'open');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['place-tasks', status, page],
    queryFn: () =>
      api.get<{ total: number; items: PlaceTask[] }>(`/api/surveillance/place-tasks${qs({ status, page, pageSize: 20 })}`),
  });
  const done = useMutation({
    mutationFn: (t: PlaceTask) => api.post(`/api/surveillance/place-tasks/${t.id}/done`),
    onSuccess: (_, t) => {
      message.success(`已完成：${t.place} ${TASKS[t.task].label}`);
      qc.invalidateQueries({ queryKey: ['place-tasks'] });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Card title="场所处置" extra={<Typography.Text type="secondary">共{list.data?.total ?? 0}项</Typography.Text>}>
      <Segmented
        block
        options={STATUSES}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        style={{ marginBottom: 12 }}
      />
      <List<PlaceTask>
        loading={list.isLoading}
        dataSource={list.data?.items}
        locale={{ emptyText: '没有需要处置的场所' }}
        pagination={pageNumbers(list.data?.total, page, 20, setPage, true)}
        renderItem={(t) => (
          <List.Item
            data-testid="place-task"
            actions={[
              t.doneAt ? (
                <Typography.Text type="success" key="done">
                  {dayjs(t.doneAt).format('MM-DD HH:mm')} {t.doneBy}
                </Typography.Text>
              ) : write ? (
                <Popconfirm key="do" title={`确认已完成${TASKS[t.task].label}？`} onConfirm={() => done.mutate(t)}>
                  <Button type="primary" size="large">
                    完成
                  </Button>
                </Popconfirm>
              ) : (
                <Tag key="open">待处置</Tag>
              ),
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color={TASKS[t.task].color}>{TASKS[t.task].label}</Tag>
                  <span>{t.place}</span>
                </Space>
              }
              description={
                <>
                  {(t.trail.length > 0 || t.address) && (
                    <div data-testid="place-task-where">{[t.trail.join(' · '), t.address].filter(Boolean).join('　')}</div>
                  )}
                  <div>
                    {t.positive.date} {caseName({ ...t.positive, severity: null })}（{t.district}）
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
