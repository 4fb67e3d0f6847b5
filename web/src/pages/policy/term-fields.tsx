import { Form, InputNumber, Select, Space, Switch } from 'antd';
import { HOME_MODE_ZH } from '../../../../src/modules/policy/describe';

const DAY_OPTIONS = Array.from({ length: 30 }, (_, i) => ({ value: i + 1, label: `第${i + 1}天` }));
const MODES = Object.entries(HOME_MODE_ZH).map(([value, label]) => ({ value, label }));

/**
 * The fields of one quarantine term under `name` (集中隔离天数, 居家天数 and how, the test days of each phase).
 * `optional`: the edition may not determine the group at all (次密接 under the 20 measures): a switch 判定.
 */
export function TermFields({ name, optional }: { name: (string | number)[]; optional?: boolean }) {
  const on = Form.useWatch([...name, 'on']);
  const shown = !optional || on;
  return (
    <Space wrap align="start" size={[12, 0]}>
      {optional && (
        <Form.Item name={[...name, 'on']} label="判定" valuePropName="checked">
          <Switch checkedChildren="判定" unCheckedChildren="不判定" />
        </Form.Item>
      )}
      {shown && (
        <>
          <Form.Item name={[...name, 'centralizedDays']} label="集中隔离天数" rules={[{ required: true, message: '请填写天数' }]}>
            <InputNumber min={0} max={60} style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name={[...name, 'centralizedTestDays']} label="集中隔离检测日">
            <Select mode="multiple" options={DAY_OPTIONS} style={{ minWidth: 180 }} placeholder="无" />
          </Form.Item>
          <Form.Item name={[...name, 'homeDays']} label="居家天数" rules={[{ required: true, message: '请填写天数' }]}>
            <InputNumber min={0} max={60} style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name={[...name, 'homeMode']} label="居家方式">
            <Select options={MODES} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name={[...name, 'homeTestDays']} label="居家检测日">
            <Select mode="multiple" options={DAY_OPTIONS} style={{ minWidth: 180 }} placeholder="无" />
          </Form.Item>
        </>
      )}
    </Space>
  );
}
