import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Form, List, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../access';
import { api } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import type { PositiveDetail, TrajectoryEntry } from '../../contracts';
import { AccountSection } from './account-section';
import { caseName, SEVERITY_LABELS } from './labels';
import { useLinkedPlaces } from './place-input';
import { TrajectoryEditor, type TrajectoryRow, toEntries, toRows, trajectoryFieldName } from './trajectory-editor';

const TASKS = { disinfection: '终末消毒', closure: '封闭管理' };
const time = (t: TrajectoryEntry['times'][number]) => ('at' in t ? t.at : `${t.from}—${t.to}`);
const stop = (s: TrajectoryEntry['stop']) =>
  s.type === 'ride' ? `${s.line}(${s.from}至${s.to})` : `${s.name}${s.address ? `(${s.address})` : ''}`;

/**
 * One positive: its facts, published trajectory, the places' disinfection and closure tasks, reclassification.
 * Editing, reclassifying and completing tasks are offered to those who may do them.
 */
export function CaseDetail({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const detail = useQuery({
    enabled: !!id,
    queryKey: ['positive', id],
    queryFn: () => api.get<PositiveDetail>(`/api/surveillance/positives/${id}`),
  });
  const done = useMutation({
    mutationFn: (taskId: number) => api.post(`/api/surveillance/place-tasks/${taskId}/done`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['positive', id] }),
    onError: (e) => message.error(e.message),
  });
  const reclassify = useMutation({
    mutationFn: () =>
      api.post<{ number: number }>(`/api/surveillance/positives/${id}/reclassify`, {
        reportDate: dayjs().format('YYYY-MM-DD'),
        reportHour: dayjs().hour(),
      }),
    onSuccess: (r) => {
      message.success(`已转为今日确诊病例${r.number}`);
      qc.invalidateQueries({ queryKey: ['positives'] });
    },
    onError: (e) => message.error(e.message),
  });
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ trajectory: TrajectoryRow[] }>();
  const save = useMutation({
    mutationFn: (rows: TrajectoryRow[]) => api.put(`/api/surveillance/positives/${id}/trajectory`, { entries: toEntries(rows) }),
    onSuccess: () => {
      message.success('活动轨迹已更新，新增场所已生成终末消毒和封闭管理任务');
      setEditing(false);
      qc.invalidateQueries({ queryKey: ['positive', id] });
    },
    onError: (e, rows) => {
      message.error(e.message);
      showFieldErrors(form, e, (p) => (p[0] === 'entries' ? trajectoryFieldName('trajectory', rows, p.slice(1)) : undefined));
    },
  });
  const d = detail.data;
  const linked = useLinkedPlaces(d?.trajectory.map((e) => e.placeNodeId) ?? []);
  return (
    <Drawer
      open={!!id}
      onClose={() => {
        setEditing(false);
        onClose();
      }}
      size="large"
      title={d ? `${d.reportDate} ${caseName(d)}` : '病例'}
      loading={detail.isLoading}
    >
      {d && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="区县">{d.district}</Descriptions.Item>
            <Descriptions.Item label="发现途径">{d.channel}</Descriptions.Item>
            {d.severity && <Descriptions.Item label="临床分型">{SEVERITY_LABELS[d.severity]}</Descriptions.Item>}
            <Descriptions.Item label="现住址">
              {d.residence ?? '-'} {d.personId && <Tag color="blue">已关联居民台账</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="来源">{d.origin ?? '-'}</Descriptions.Item>
            <Descriptions.Item label="关系">{d.relationships ?? '-'}</Descriptions.Item>
            <Descriptions.Item label="密接来源">
              {d.contactOf.map((c) => `${c.date} ${caseName({ ...c, severity: null })}`).join('、') || '-'}
            </Descriptions.Item>
            <Descriptions.Item label="定点医院">{d.transferredTo ?? '-'}</Descriptions.Item>
          </Descriptions>
          <AccountSection id={d.id} account={d.account} />
          {d.kind === 'asymptomatic' && can('cases.write') && (
            <Popconfirm title="将该无症状感染者转为今日确诊病例？" onConfirm={() => reclassify.mutate()}>
              <Button loading={reclassify.isPending}>转为确诊病例</Button>
            </Popconfirm>
          )}
          <div>
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Title level={5}>活动轨迹</Typography.Title>
              {!editing && can('cases.write') && (
                <Button
                  size="small"
                  data-testid="edit-trajectory"
                  onClick={() => {
                    form.setFieldsValue({ trajectory: toRows(d.trajectory, (iso) => dayjs(iso)) });
                    setEditing(true);
                  }}
                >
                  编辑轨迹
                </Button>
              )}
            </Space>
            {editing ? (
              <Form form={form} onFinish={(v) => save.mutate(v.trajectory ?? [])}>
                <TrajectoryEditor />
                <Space style={{ marginTop: 12 }}>
                  <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-trajectory">
                    保存轨迹
                  </Button>
                  <Button onClick={() => setEditing(false)}>取消</Button>
                </Space>
              </Form>
            ) : (
              <List
                size="small"
                dataSource={d.trajectory}
                locale={{ emptyText: '暂无' }}
                renderItem={(e) => (
                  <List.Item>
                    {`${e.day}  ${e.times.map(time).join('，')}  ${stop(e.stop)}`}
                    {e.placeNodeId && <Tag color="blue">{linked.get(e.placeNodeId)?.trail.join(' · ') || '辖区场所'}</Tag>}
                  </List.Item>
                )}
              />
            )}
          </div>
          <div>
            <Typography.Title level={5}>涉及场所处置</Typography.Title>
            <List
              size="small"
              dataSource={d.placeTasks}
              locale={{ emptyText: '暂无' }}
              renderItem={(t) => (
                <List.Item
                  actions={[
                    t.doneAt ? (
                      <Tag color="green" key="done">
                        已完成
                      </Tag>
                    ) : can('place_tasks.write') ? (
                      <Button size="small" key="do" onClick={() => done.mutate(t.id)}>
                        完成
                      </Button>
                    ) : (
                      <Tag key="open">待处置</Tag>
                    ),
                  ]}
                >
                  <div>
                    {t.place} · {TASKS[t.task]}
                    {t.trail.length > 0 && (
                      <div>
                        <Typography.Text type="secondary">{t.trail.join(' · ')}</Typography.Text>
                      </div>
                    )}
                  </div>
                </List.Item>
              )}
            />
          </div>
        </Space>
      )}
    </Drawer>
  );
}
