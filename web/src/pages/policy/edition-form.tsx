import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Divider, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { COLOUR_ZH, STATUS_ZH } from '../../../../src/modules/policy/describe';
import { CODE_STATUSES, RISK_LEVELS } from '../../../../src/modules/policy/edition';
import { api } from '../../api';
import { showFieldErrors } from '../../components/form-errors';
import { normalizeInput } from '../../components/form-rules';
import { usePhone } from '../../components/phone';
import type { PolicyEdition } from '../../contracts';
import { type EditionValues, formNameOf, fromValues, toValues } from './edition-values';
import { TermFields } from './term-fields';

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
const required = (message: string) => [{ required: true, message }];

/**
 * The city HQ's form for an edition, field by field (not raw JSON): a new edition starts from `base` (the one in
 * force) and needs its own code, name, source and effective time; an edited one keeps its code. A refusal
 * highlights the fields the server names.
 */
export function EditionForm({
  base,
  editing,
  onClose,
  onSaved,
}: {
  base: PolicyEdition;
  editing: boolean;
  onClose: () => void;
  onSaved: (e: PolicyEdition) => void;
}) {
  const phone = usePhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditionValues>();
  const save = useMutation({
    mutationFn: (v: EditionValues) =>
      editing
        ? api.put<PolicyEdition>(`/api/policy/editions/${base.id}`, fromValues(v))
        : api.post<PolicyEdition>('/api/policy/editions', fromValues(v)),
    onSuccess: (e) => {
      message.success(`已保存：${e.name}`);
      onSaved(e);
    },
    onError: (e) => {
      message.error(e.message);
      showFieldErrors(form, e, formNameOf);
    },
  });
  // Fields hidden by a switch (a term not determined) keep their values: submit the whole store.
  const submit = () => form.validateFields().then(() => save.mutate(form.getFieldsValue(true)));
  return (
    <Drawer
      open
      size={phone ? '100%' : 820}
      title={editing ? `编辑：${base.name}` : '新增防控方案版本'}
      onClose={onClose}
      extra={
        <Button type="primary" onClick={submit} loading={save.isPending}>
          保存
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={toValues(base, !editing)} requiredMark>
        <Space wrap align="start">
          <Form.Item name="name" label="版本名称" rules={required('请填写版本名称')} normalize={normalizeInput}>
            <Input style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name="code" label="版本代码" rules={required('请填写版本代码，如 ed9')} tooltip="小写字母、数字和连字符">
            <Input disabled={editing} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label="起效时间（北京时间）" rules={required('请选择起效时间')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="issued" label="发布日期" rules={required('请选择发布日期')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="source" label="来源（文件名称、发布机关、日期）" rules={required('请填写来源')}>
          <Input.TextArea autoSize />
        </Form.Item>

        <Divider titlePlacement="start">风险等级与管控措施</Divider>
        <Form.Item name="tiers" label="划定的风险等级" rules={required('至少一个等级')}>
          <Checkbox.Group options={LEVELS} />
        </Form.Item>
        {RISK_LEVELS.map((l) => (
          <Space key={l} wrap align="start">
            <Form.Item name={['levelNames', l]} label={`${LEVEL_ZH[l]}风险名称`} rules={required('请填写名称')}>
              <Input style={{ width: 140 }} />
            </Form.Item>
            <Form.Item
              name={['measures', l]}
              label={`${LEVEL_ZH[l]}风险区措施`}
              rules={l === 'high' ? required('请填写措施') : []}
            >
              <Input style={{ width: 420 }} />
            </Form.Item>
          </Space>
        ))}
        <Form.Item name="drawing" label="划定原则">
          <Input.TextArea autoSize />
        </Form.Item>

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

        <Divider titlePlacement="start">区域检测与离市</Divider>
        <Space wrap align="start">
          {RISK_LEVELS.map((l) => (
            <Form.Item
              key={l}
              name={['areaTestingEveryDays', l]}
              label={`${LEVEL_ZH[l]}风险区每几天检测`}
              tooltip="留空：不作要求"
            >
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

        <Divider titlePlacement="start">健康码规则</Divider>
        <Space wrap>
          {CODE_STATUSES.map((s) => (
            <Form.Item key={s} name={['healthCode', s]} label={STATUS_ZH[s]}>
              <Select options={COLOURS} style={{ width: 110 }} />
            </Form.Item>
          ))}
        </Space>

        <Divider titlePlacement="start">说明</Divider>
        <Form.Item name="notes" label="其他说明（每行一条）">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="unconfirmed" label="未经核实的数值（每行一条）">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
