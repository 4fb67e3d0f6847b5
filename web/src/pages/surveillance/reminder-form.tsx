import { useQuery } from '@tanstack/react-query';
import { Collapse, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api';
import { FormRows } from '../../components/form-rows';
import { ReminderImport } from '../elsewhere/reminder-import';

/** A date field whose form value is the ISO day the API takes, shown in a DatePicker. */
const isoDay = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => d?.format('YYYY-MM-DD'),
};
const required = (message: string) => [{ required: true, message }];

/** Province, city and county of a place outside Harbin; `cityRequired` where the printed sentence needs one. */
function Division({ name, cityRequired }: { name: number; cityRequired: boolean }) {
  return (
    <Space align="baseline">
      <Form.Item name={[name, 'province']}>
        <Input placeholder="省 (可空)" style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name={[name, 'city']} rules={cityRequired ? required('市') : []}>
        <Input placeholder="市" style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name={[name, 'county']}>
        <Input placeholder="区县 (可空)" style={{ width: 110 }} />
      </Form.Item>
    </Space>
  );
}

/**
 * The facts of an urgent reminder: other cities' risk-area changes, the cases they reported, the regions whose
 * visitors must report (报备) and since when; the paragraphs the CDC repeats fold away under 固定段落.
 */
export function ReminderForm() {
  // The house styles are layout files on the server (reminder/layouts): a new one appears here without code.
  const layouts = useQuery({
    queryKey: ['reminder-layouts'],
    queryFn: () => api.get<{ items: { name: string }[] }>('/api/surveillance/reminders/layouts'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <>
      <Space wrap>
        <Form.Item name="title" label="标题" initialValue="紧急提醒">
          <Input maxLength={100} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="layout" label="版式" normalize={(v?: string) => v || undefined}>
          <Select
            style={{ width: 260 }}
            placeholder="默认版式"
            allowClear
            loading={layouts.isLoading}
            options={layouts.data?.items.map((l) => ({ value: l.name, label: l.name }))}
          />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="issuedOn" label="发布日期" rules={required('发布日期')} {...isoDay}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="issuer" label="发布单位" rules={required('发布单位')}>
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="issuerShortName" label="标题简称">
          <Input placeholder="如 哈市疾病预防控制中心" style={{ width: 220 }} />
        </Form.Item>
      </Space>
      <Form.Item label="风险地区调整">
        <ReminderImport />
        <FormRows
          list="riskAreaChanges"
          addLabel="添加风险地区"
          row={(name) => (
            <>
              <Division name={name} cityRequired />
              <Form.Item name={[name, 'place']} rules={required('地点')}>
                <Input placeholder="村、小区或街道" style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name={[name, 'level']} initialValue="medium">
                <Select
                  style={{ width: 120 }}
                  options={[
                    { value: 'high', label: '高风险地区' },
                    { value: 'medium', label: '中风险地区' },
                  ]}
                />
              </Form.Item>
              <Form.Item name={[name, 'effectiveFrom']} rules={required('生效日期')} {...isoDay}>
                <DatePicker placeholder="自何日起" style={{ width: 130 }} />
              </Form.Item>
              <Form.Item name={[name, 'wording']} initialValue="plain">
                <Select
                  style={{ width: 130 }}
                  options={[
                    { value: 'plain', label: '…调整为' },
                    { value: 'disposal', label: '将…调整为' },
                  ]}
                />
              </Form.Item>
            </>
          )}
        />
      </Form.Item>
      <Form.Item label="外地报告病例">
        <FormRows
          list="caseReports"
          addLabel="添加外地病例"
          row={(name) => (
            <>
              <Division name={name} cityRequired />
              <Form.Item name={[name, 'date']} rules={required('报告日期')} {...isoDay}>
                <DatePicker placeholder="报告日期" style={{ width: 130 }} />
              </Form.Item>
              <Form.Item name={[name, 'confirmed']} initialValue={0}>
                <InputNumber min={0} prefix="确诊" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={[name, 'asymptomatic']} initialValue={0}>
                <InputNumber min={0} prefix="无症状" style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={[name, 'positives']} initialValue={0}>
                <InputNumber min={0} prefix="阳性" style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={[name, 'town']} normalize={(v?: string) => v || undefined}>
                <Input placeholder="乡镇 (可空)" maxLength={50} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={[name, 'channel']} normalize={(v?: string) => v || undefined}>
                <Input placeholder="发现途径，如 重点人群筛查 (可空)" maxLength={50} style={{ width: 230 }} />
              </Form.Item>
            </>
          )}
        />
      </Form.Item>
      <Form.Item label="须报备地区（一）" required>
        <FormRows
          list="reportDuty"
          addLabel="添加报备地区"
          row={(name) => (
            <>
              <Division name={name} cityRequired={false} />
              <Form.Item name={[name, 'since']} rules={required('自何日以来')} {...isoDay}>
                <DatePicker placeholder="以来日期" style={{ width: 130 }} />
              </Form.Item>
            </>
          )}
        />
      </Form.Item>
      <Collapse
        size="small"
        items={[{ key: 'fixed', label: '固定段落与咨询电话（沿用上一期）', forceRender: true, children: <FixedText /> }]}
      />
    </>
  );
}

/** The strategy sentence, the tail of point 一, points 二 onwards and the directory's layout. */
function FixedText() {
  const text = (rows: number) => <Input.TextArea autoSize={{ minRows: rows, maxRows: 8 }} />;
  return (
    <>
      <Form.Item name={['fixedText', 'lead']} label="导语" rules={required('导语')}>
        {text(2)}
      </Form.Item>
      <Form.Item name={['fixedText', 'dutyTail']} label="第一条（地区之后）" rules={required('第一条')}>
        {text(3)}
      </Form.Item>
      <Form.List name={['fixedText', 'points']}>
        {(fields) =>
          fields.map(({ key, name }) => (
            <Form.Item key={key} name={name} label={`第${'二三四五六七八九'[name] ?? name + 2}条`}>
              {text(2)}
            </Form.Item>
          ))
        }
      </Form.List>
      <Space wrap>
        <Form.Item name={['directory', 'layout']} label="咨询电话排版">
          <Select
            style={{ width: 140 }}
            options={[
              { value: 'list', label: '逐行列出' },
              { value: 'two-columns', label: '两栏表格' },
            ]}
          />
        </Form.Item>
        <Form.Item name={['directory', 'heading']} label="电话标题">
          <Input placeholder="可空" style={{ width: 300 }} />
        </Form.Item>
      </Space>
    </>
  );
}
