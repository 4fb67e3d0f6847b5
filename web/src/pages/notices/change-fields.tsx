import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { NODE_TYPES } from '../../../../src/modules/territory/rules';

/**
 * One change of a notice: from when, in which district, to which level, and the area as the notice names it
 * (area-spec.ts): the node's name and type, its part (whole, buildings, a range of buildings and the block they
 * enclose, units), an address before or after, the building and floor of a shop, exceptions, words after it.
 */

/** The city's wall clock (UTC+8) in the picker, an instant with its offset in the document. */
const cityTime = {
  getValueProps: (v?: string) => ({
    value: v ? dayjs(new Date(Date.parse(v) + 8 * 3600_000).toISOString().slice(0, 16)) : undefined,
  }),
  normalize: (d?: Dayjs | null) => (d ? `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00` : undefined),
};
const required = (message: string) => [{ required: true, message: `请填写${message}` }];
const AREA_TYPES = ['compound', 'building', 'unit', 'place', 'street', 'town'] as const;
const LEVELS = [
  { value: 'high', label: '高风险' },
  { value: 'medium', label: '中风险' },
  { value: 'low', label: '低风险' },
];
const PARTS = [
  { value: 'whole', label: '整体' },
  { value: 'buildings', label: '楼栋' },
  { value: 'building_range', label: '楼栋范围' },
  { value: 'units', label: '单元' },
];
const tags = { mode: 'tags' as const, open: false, tokenSeparators: ['、', ',', '，'] };

/** The fields of the part chosen (its kind is watched, so only that kind's fields are drawn). */
function PartFields({ name }: { name: number }) {
  const kind = Form.useWatch(['changes', name, 'area', 'part', 'kind']);
  const unitsAs = Form.useWatch(['changes', name, 'area', 'part', 'unitsAs']);
  const at = (...p: string[]) => [name, 'area', 'part', ...p];
  if (kind === 'buildings')
    return (
      <Form.Item name={at('names')} label="楼栋" rules={required('楼栋')}>
        <Select {...tags} style={{ minWidth: 160 }} placeholder="8栋、3号楼" data-testid={`change-buildings-${name}`} />
      </Form.Item>
    );
  if (kind === 'building_range')
    return (
      <Space wrap align="baseline">
        <Form.Item name={at('from')} label="起" rules={required('起始楼栋')}>
          <Input style={{ width: 80 }} placeholder="24栋" />
        </Form.Item>
        <Form.Item name={at('to')} label="至" rules={required('终止楼栋')}>
          <Input style={{ width: 80 }} placeholder="35栋" />
        </Form.Item>
        <Form.Item name={at('enclosed')} valuePropName="checked" initialValue={true}>
          <Checkbox>合围区</Checkbox>
        </Form.Item>
      </Space>
    );
  if (kind === 'units')
    return (
      <Space wrap align="baseline">
        <Form.Item name={at('building')} label="楼栋" rules={required('楼栋')}>
          <Input style={{ width: 90 }} placeholder="1号楼" />
        </Form.Item>
        <Form.Item name={at('unitsAs')} initialValue="range">
          <Select
            style={{ width: 80 }}
            options={[
              { value: 'range', label: '范围' },
              { value: 'list', label: '列举' },
            ]}
          />
        </Form.Item>
        {unitsAs === 'list' ? (
          <Form.Item name={at('list')} rules={required('单元')}>
            <Select {...tags} style={{ minWidth: 140 }} placeholder="1单元、3单元" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name={at('unitFrom')} rules={required('起始单元')}>
              <Input style={{ width: 80 }} placeholder="1单元" />
            </Form.Item>
            <Form.Item name={at('unitTo')} label="至" rules={required('终止单元')}>
              <Input style={{ width: 80 }} placeholder="7单元" />
            </Form.Item>
          </>
        )}
      </Space>
    );
  return null;
}

/** The changes as one card each, numbered as the refusals name them (调整区域第N行), with a button to remove it. */
export function ChangeList() {
  return (
    <Form.List name="changes">
      {(fields, { add, remove }) => (
        <>
          {fields.map(({ key, name }) => (
            <Card
              key={key}
              size="small"
              style={{ marginBottom: 8 }}
              title={`调整区域第${name + 1}行`}
              extra={
                <Button type="link" size="small" danger onClick={() => remove(name)} data-testid={`remove-change-${name}`}>
                  删除
                </Button>
              }
              data-testid="changes-row"
            >
              <ChangeFields name={name} />
            </Card>
          ))}
          <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} data-testid="add-changes">
            添加调整区域
          </Button>
        </>
      )}
    </Form.List>
  );
}

function ChangeFields({ name }: { name: number }) {
  const area = (...p: string[]) => [name, 'area', ...p];
  return (
    <>
      <Space wrap align="baseline">
        <Form.Item name={[name, 'at']} label="起始时间" rules={required('起始时间')} {...cityTime}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid={`change-at-${name}`} />
        </Form.Item>
        <Form.Item name={[name, 'district']} label="区县" rules={required('区县')}>
          <Input style={{ width: 100 }} placeholder="南岗区" data-testid={`change-district-${name}`} />
        </Form.Item>
        <Form.Item name={[name, 'level']} label="调整为" rules={required('风险等级')} initialValue="high">
          <Select style={{ width: 100 }} options={LEVELS} data-testid={`change-level-${name}`} />
        </Form.Item>
      </Space>
      <Space wrap align="baseline">
        <Form.Item name={area('name')} label="名称" rules={required('名称')}>
          <Input style={{ width: 200 }} placeholder="印象城小区" data-testid={`change-name-${name}`} />
        </Form.Item>
        <Form.Item name={area('nodeType')} label="类型" initialValue="compound">
          <Select style={{ width: 100 }} options={AREA_TYPES.map((t) => ({ value: t, label: NODE_TYPES[t] }))} />
        </Form.Item>
        <Form.Item name={area('part', 'kind')} label="范围" initialValue="whole">
          <Select style={{ width: 110 }} options={PARTS} data-testid={`change-part-${name}`} />
        </Form.Item>
        <PartFields name={name} />
      </Space>
      <Space wrap align="baseline">
        <Form.Item name={area('except', 'names')} label="除外">
          <Select {...tags} style={{ minWidth: 120 }} placeholder="7栋" data-testid={`change-except-${name}`} />
        </Form.Item>
        <Form.Item name={area('except', 'outer')} valuePropName="checked" initialValue={true}>
          <Checkbox>写“外”</Checkbox>
        </Form.Item>
        <Form.Item name={area('address', 'text')} label="地址">
          <Input style={{ width: 160 }} placeholder="香坊大街51-2号" />
        </Form.Item>
        <Form.Item name={area('address', 'position')} initialValue="before">
          <Select
            style={{ width: 110 }}
            options={[
              { value: 'before', label: '写在名称前' },
              { value: 'after', label: '括注在后' },
            ]}
          />
        </Form.Item>
        <Form.Item name={area('within', 'building')} label="所在楼宇">
          <Input style={{ width: 120 }} placeholder="远大购物中心" />
        </Form.Item>
        <Form.Item name={area('within', 'floor')} label="楼层">
          <Input style={{ width: 60 }} placeholder="3层" />
        </Form.Item>
        <Form.Item name={area('suffix')} label="附注">
          <Input style={{ width: 130 }} placeholder="及其临街商服" />
        </Form.Item>
      </Space>
    </>
  );
}
