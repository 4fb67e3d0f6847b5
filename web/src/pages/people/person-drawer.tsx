import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Form, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../access';
import { api } from '../../api';
import { usePhone } from '../../components/phone';
import type { Person } from '../../contracts';
import { KEY_GROUP_LABELS, TAG_LABELS } from '../../labels';
import { HouseholdPicker } from './household-picker';
import { PersonForm } from './person-form';

const tags = (t: string[]) =>
  t.length
    ? t.map((k) => (
        <Tag color="orange" key={k}>
          {TAG_LABELS[k] ?? k}
        </Tag>
      ))
    : '无';

/**
 * One resident (as the server released them: masked without people.reveal, the read audited with it) and the
 * people at the same dwelling; 修改, 迁居 and 新增同户居民 for those who may write the ledger.
 */
export function PersonDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const phone = usePhone();
  const [shown, setShown] = useState<number | null>(null);
  const current = shown ?? id;
  const [form, setForm] = useState<'edit' | 'add' | null>(null);
  const [moving, setMoving] = useState(false);
  const [moveTo] = Form.useForm<{ householdId: number }>();
  const person = useQuery({
    enabled: !!current,
    queryKey: ['person', current],
    queryFn: () => api.get<Person>(`/api/people/${current}`),
  });
  const household = useQuery({
    enabled: !!current,
    queryKey: ['person', current, 'household'],
    queryFn: () => api.get<Person[]>(`/api/people/${current}/household`),
  });
  const move = useMutation({
    mutationFn: (householdId: number) => api.post<Person>(`/api/people/${current}/move`, { householdId }),
    onSuccess: (p) => {
      message.success(`已迁至 ${p.address}`);
      setMoving(false);
      qc.invalidateQueries({ queryKey: ['people'] });
      qc.invalidateQueries({ queryKey: ['person'] });
    },
    onError: (e) => message.error(e.message),
  });
  const p = person.data;
  const writes = can('people.write');
  const dwelling = p ? { id: p.householdId, address: p.address } : undefined;
  return (
    <Drawer
      open={!!id}
      onClose={() => {
        setShown(null);
        onClose();
      }}
      size={phone ? '100%' : 'large'}
      title={p ? `居民：${p.name}` : '居民'}
      loading={person.isLoading}
      extra={
        writes &&
        p && (
          <Space>
            <Button type="primary" onClick={() => setForm('edit')} data-testid="edit-person">
              修改
            </Button>
            <Button onClick={() => setMoving(true)} data-testid="move-person">
              迁居
            </Button>
          </Space>
        )
      }
    >
      {person.error && <Alert type="error" showIcon title={(person.error as Error).message} />}
      {p && (
        <Space direction="vertical" style={{ width: '100%' }} size="large" data-testid="person-drawer">
          {!p.masked && <Alert type="warning" showIcon title="完整身份证号和电话：本次查看已记入审计日志。" />}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="姓名">{p.name}</Descriptions.Item>
            <Descriptions.Item label="性别 / 年龄">
              {p.sex === 'M' ? '男' : '女'} · {p.age}岁{p.birthDate ? `（${p.birthDate}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="身份证号">{p.idNumber}</Descriptions.Item>
            <Descriptions.Item label="手机号">
              {p.phone ? p.masked ? p.phone : <a href={`tel:${p.phone}`}>{p.phone}</a> : '未登记'}
            </Descriptions.Item>
            <Descriptions.Item label="住址">{p.address}</Descriptions.Item>
            {p.actualAddress && <Descriptions.Item label="现住址">{p.actualAddress}</Descriptions.Item>}
            <Descriptions.Item label="户籍地址">{p.masked ? '已隐藏' : (p.registeredAddress ?? '未登记')}</Descriptions.Item>
            <Descriptions.Item label="特殊人群">{tags(p.tags)}</Descriptions.Item>
            <Descriptions.Item label="重点人群">
              {p.keyGroup ? (
                <Space size={4} wrap>
                  <Tag color="blue" data-testid="key-group">
                    {KEY_GROUP_LABELS[p.keyGroup] ?? p.keyGroup}
                  </Tag>
                  <Typography.Text type="secondary">核酸检测须单人单管</Typography.Text>
                </Space>
              ) : (
                '无'
              )}
            </Descriptions.Item>
          </Descriptions>
          <List<Person>
            header={
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Text strong>同户居民（{household.data?.length ?? 0}人）</Typography.Text>
                {writes && (
                  <Button size="small" onClick={() => setForm('add')} data-testid="add-household-member">
                    新增同户居民
                  </Button>
                )}
              </Space>
            }
            bordered
            size="small"
            loading={household.isLoading}
            dataSource={household.data}
            data-testid="household-list"
            renderItem={(m) => (
              <List.Item
                actions={
                  m.id === p.id
                    ? [<Tag key="self">本人</Tag>]
                    : [
                        <Button key="open" type="link" size="small" onClick={() => setShown(m.id)}>
                          查看
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={m.name}
                  description={`${m.sex === 'M' ? '男' : '女'} · ${m.age}岁 · ${m.phone ?? '无电话'}`}
                />
                {m.tags.length > 0 && tags(m.tags)}
              </List.Item>
            )}
          />
        </Space>
      )}
      <PersonForm
        open={form !== null}
        person={form === 'edit' ? p : undefined}
        household={dwelling}
        onClose={(saved) => {
          setForm(null);
          if (saved && form === 'add') setShown(saved.id);
        }}
      />
      <Modal
        open={moving}
        title={`迁居：${p?.name ?? ''}`}
        okText="迁入新住址"
        confirmLoading={move.isPending}
        onOk={() => moveTo.validateFields().then((v) => move.mutate(v.householdId))}
        onCancel={() => setMoving(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          现住 {p?.address}。迁居后，隔离、核酸和健康码随人迁至新住址。
        </Typography.Paragraph>
        <Form form={moveTo} layout="vertical">
          <Form.Item name="householdId" label="新住址（户）" rules={[{ required: true, message: '请选择新住址' }]}>
            <HouseholdPicker />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
