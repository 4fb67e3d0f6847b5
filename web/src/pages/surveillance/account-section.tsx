import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../access';
import { api } from '../../api';
import { type Account, AccountFields, type AccountRow, toAccount, toAccountRow } from './account-fields';
import { KIND_LABELS } from './labels';

const EMPTY: Account = { closedLoopTransfer: false, noOtherTrajectory: false };
const yes = (b: boolean) => (b ? '是' : '否');

/** A case's 流调信息 in its detail: what is stored, and the form that replaces it for those who may. */
export function AccountSection({ id, account }: { id: number; account: Account | null }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ account: AccountRow }>();
  const save = useMutation({
    mutationFn: (row: AccountRow) => api.put(`/api/surveillance/positives/${id}/account`, toAccount(row) ?? EMPTY),
    onSuccess: () => {
      message.success('流调信息已更新');
      setEditing(false);
      qc.invalidateQueries({ queryKey: ['positive', id] });
    },
    onError: (e) => message.error(e.message),
  });
  const a = account ?? EMPTY;
  const arrival = a.arrival && [a.arrival.date, a.arrival.from, a.arrival.flight, a.arrival.port].filter(Boolean).join(' ');
  const elsewhere = a.contactOfElsewhere && `${a.contactOfElsewhere.place}${KIND_LABELS[a.contactOfElsewhere.kind]}`;
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5}>流调信息</Typography.Title>
        {!editing && can('cases.write') && (
          <Button
            size="small"
            data-testid="edit-account"
            onClick={() => {
              form.setFieldsValue({ account: toAccountRow(account) });
              setEditing(true);
            }}
          >
            编辑流调信息
          </Button>
        )}
      </Space>
      {editing ? (
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.account ?? {})}>
          <AccountFields open />
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-account">
              保存流调信息
            </Button>
            <Button onClick={() => setEditing(false)}>取消</Button>
          </Space>
        </Form>
      ) : (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="接到协查通知">{a.notifiedOn ?? '-'}</Descriptions.Item>
          <Descriptions.Item label="抵达">{arrival || '-'}</Descriptions.Item>
          <Descriptions.Item label="手递手转运">{yes(a.closedLoopTransfer)}</Descriptions.Item>
          <Descriptions.Item label="无其他活动轨迹">{yes(a.noOtherTrajectory)}</Descriptions.Item>
          <Descriptions.Item label="外地病例的密接">{elsewhere ?? '-'}</Descriptions.Item>
          <Descriptions.Item label="其他流调情况">{a.text ?? '-'}</Descriptions.Item>
        </Descriptions>
      )}
    </div>
  );
}
