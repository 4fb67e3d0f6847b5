import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Space } from 'antd';
import { api, qs, withoutBlanks } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import { normalizeInput } from '../../components/form-rules';
import type { DutyAnswer } from '../../contracts';
import { instantField } from './labels';

const required = (message: string) => [{ required: true, message }];

/**
 * 是否须报备: a traveller says where they were (city, and county and place when they know) and when; the rule
 * answers against the registry, with one sentence per area the stay overlapped (曾于…到过…高风险地区…).
 */
export function DutyCheck() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const check = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api.get<DutyAnswer>(`/api/elsewhere/check${qs(withoutBlanks(v) as Record<string, string>)}`),
    onError: (e) => {
      showFieldErrors(form, e);
      message.error(e.message);
    },
  });
  return (
    <Card title="来哈返哈人员是否须报备" size="small" data-testid="duty-check">
      <Form form={form} layout="vertical" onFinish={(v) => check.mutate(v)}>
        <Space wrap>
          <Form.Item name="province" label="省份" rules={required('请填写省份')} normalize={normalizeInput}>
            <Input placeholder="河北省" maxLength={50} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="city" label="城市" rules={required('请填写城市')} normalize={normalizeInput}>
            <Input placeholder="石家庄市" maxLength={50} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="district" label="区县" normalize={normalizeInput}>
            <Input placeholder="可空" maxLength={50} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="place" label="地点" normalize={normalizeInput}>
            <Input placeholder="村、小区 (可空)" maxLength={50} style={{ width: 150 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="arrivedAt" label="抵达时间" rules={required('请选择抵达时间')} {...instantField}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="leftAt" label="离开时间（仍在当地可空）" {...instantField}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={check.isPending} data-testid="duty-submit">
            核对
          </Button>
        </Form.Item>
      </Form>
      {check.data && (
        <Alert
          data-testid="duty-answer"
          style={{ marginTop: 12 }}
          showIcon
          type={check.data.mustReport ? 'warning' : 'success'}
          title={check.data.mustReport ? '须向所在社区(村屯)、工作单位报备' : '所到之处在停留期间不是中高风险地区，无须因此报备'}
          description={
            check.data.reasons.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {check.data.reasons.map((r) => (
                  <li key={r.areaId}>{r.sentence}</li>
                ))}
                {check.data.count > check.data.reasons.length && <li>{`等共 ${check.data.count} 处中高风险地区`}</li>}
              </ul>
            ) : undefined
          }
        />
      )}
    </Card>
  );
}
