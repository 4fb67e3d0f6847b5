import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Divider, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { COLOUR_ZH, STATUS_ZH } from '../../../../src/modules/policy/describe';
import { CODE_STATUSES, RISK_LEVELS } from '../../../../src/modules/policy/edition';
import { TermFields } from './term-fields';

/** The sections of the edition form (edition-form.tsx), each a group of the edition's fields. */

const LEVEL_ZH = { high: '高', medium: '中', low: '低' } as const;
const LEVELS = RISK_LEVELS.map((l) => ({ value: l, label: `${LEVEL_ZH[l]}风险` }));
const COLOURS = [
  { value: 'none', label: '不赋码' },
  ...(['red', 'yellow', 'green'] as const).map((c) => ({ value: c, label: COLOUR_ZH[c] })),
];
const REACHED = [
  { value: '', label: '任何情形' },
  { value: 'lowering', label: '由高一级降级而来' },
  { value: 'designation', label: '直接划定' },
];
export const required = (message: string) => [{ required: true, message }];

/** The tiers an edition draws, how texts name each and life inside it. */
export function TiersSection() {
  return (
    <>
      <Divider titlePlacement="start">风险等级与管控措施</Divider>
      <Form.Item name="tiers" label="划定的风险等级" rules={required('至少一个等级')}>
        <Checkbox.Group options={LEVELS} />
      </Form.Item>
      {RISK_LEVELS.map((l) => (
        <Space key={l} wrap align="start">
          <Form.Item name={['levelNames', l]} label={`${LEVEL_ZH[l]}风险名称`} rules={required('请填写名称')}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name={['measures', l]} label={`${LEVEL_ZH[l]}风险区措施`} rules={l === 'high' ? required('请填写措施') : []}>
            <Input style={{ width: 420 }} />
          </Form.Item>
        </Space>
      ))}
      <Form.Item name="drawing" label="划定原则">
        <Input.TextArea autoSize />
      </Form.Item>
    </>
  );
}

/** The steps down an area may take. */
export function LoweringSection() {
  return (
    <>
      <Divider titlePlacement="start">降级条件</Divider>
      <Form.List name="lowering">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} wrap align="start">
                <Form.Item name={[f.name, 'from']} label="原等级">
                  <Select options={LEVELS} style={{ width: 100 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'to']} label="调整为">
                  <Select options={LEVELS} style={{ width: 100 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'quietDays']} label="连续无新增感染天数" rules={required('请填写天数')}>
                  <InputNumber min={1} max={60} />
                </Form.Item>
                <Form.Item name={[f.name, 'negativeRoundOnLastDay']} label="末日全员核酸阴性" valuePropName="checked">
                  <Switch />
                </Form.Item>
                <Form.Item name={[f.name, 'reachedBy']} label="适用情形">
                  <Select options={REACHED} style={{ width: 160 }} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label="删除此条件"
                  onClick={() => remove(f.name)}
                  style={{ marginTop: 30 }}
                />
              </Space>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ from: 'high', to: 'low', quietDays: 5, negativeRoundOnLastDay: false, reachedBy: '' })}
            >
              添加降级条件
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}

/** The quarantine terms: close contacts, their contacts, inbound travellers, arrivals from areas of each tier. */
export function TermsSection() {
  return (
    <>
      <Divider titlePlacement="start">隔离期限与检测</Divider>
      <Form.Item label="密接">
        <TermFields name={['closeContact']} />
      </Form.Item>
      <Form.Item label="密接的密接">
        <TermFields name={['secondaryContact']} optional />
      </Form.Item>
      <Form.Item label="入境人员">
        <TermFields name={['inboundTraveller']} optional />
      </Form.Item>
      {RISK_LEVELS.map((l) => (
        <Form.Item key={l} label={`${LEVEL_ZH[l]}风险区来返人员`}>
          <TermFields name={['arrivals', l]} optional />
        </Form.Item>
      ))}
    </>
  );
}

/** Testing inside areas and the rules for leaving the city. */
export function TestingSection() {
  return (
    <>
      <Divider titlePlacement="start">区域检测与离市</Divider>
      <Space wrap align="start">
        {RISK_LEVELS.map((l) => (
          <Form.Item key={l} name={['areaTestingEveryDays', l]} label={`${LEVEL_ZH[l]}风险区每几天检测`} tooltip="留空：不作要求">
            <InputNumber min={1} max={14} placeholder="不作要求" />
          </Form.Item>
        ))}
      </Space>
      <Space wrap align="start">
        <Form.Item name={['leavingCity', 'negativeTests']} label="离市阴性检测次数">
          <InputNumber min={0} max={3} />
        </Form.Item>
        <Form.Item name={['leavingCity', 'withinHours']} label="时限（小时）">
          <InputNumber min={0} max={168} />
        </Form.Item>
        <Form.Item name={['leavingCity', 'apartHours']} label="间隔（小时）">
          <InputNumber min={0} max={72} />
        </Form.Item>
        <Form.Item name={['leavingCity', 'greenCode']} label="须绿码" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
    </>
  );
}

/** The colour each status gives the health code. */
export function HealthCodeSection() {
  return (
    <>
      <Divider titlePlacement="start">健康码规则</Divider>
      <Space wrap>
        {CODE_STATUSES.map((s) => (
          <Form.Item key={s} name={['healthCode', s]} label={STATUS_ZH[s]}>
            <Select options={COLOURS} style={{ width: 110 }} />
          </Form.Item>
        ))}
      </Space>
    </>
  );
}

/** Other provisions and what could not be confirmed, a line each. */
export function NotesSection() {
  return (
    <>
      <Divider titlePlacement="start">说明</Divider>
      <Form.Item name="notes" label="其他说明（每行一条）">
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item name="unconfirmed" label="未经核实的数值（每行一条）">
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
    </>
  );
}
