import { ImportOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Popover, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../access';
import { api, qs } from '../../api';
import type { ElsewhereChanges } from '../../contracts';

type Change = ElsewhereChanges['items'][number];
type Region = ElsewhereChanges['reportDuty'][number];
const keyOf = (p: { province?: string; city?: string; county?: string; place?: string }) =>
  [p.province, p.city, p.county, p.place].map((x) => x ?? '').join('/');

/**
 * 从外地风险地区导入, inside the reminder form: the areas other cities raised between two days (by default the
 * day before the issue and the issue day) are added to 风险地区调整, those already listed left as the CDC edited
 * them; 报备地区 is filled only while it is empty. Everything stays editable in the form afterwards.
 */
export function ReminderImport() {
  const can = useCan();
  const { message } = App.useApp();
  const form = Form.useFormInstance();
  const [open, setOpen] = useState(false);
  const [range, setRange] = useState<[Dayjs, Dayjs]>();
  const [busy, setBusy] = useState(false);
  // Filling the form is drafting: only those who draft reminders (and may read the registry) see the button.
  if (!can('reminders.publish') || !can('elsewhere.read')) return null;
  const issued = () => {
    const d = form.getFieldValue('issuedOn') as string | undefined;
    return d ? dayjs(d) : dayjs();
  };
  const fill = async () => {
    const [from, to] = range ?? [issued().subtract(1, 'day'), issued()];
    setBusy(true);
    try {
      const r = await api.get<ElsewhereChanges>(
        `/api/elsewhere/changes${qs({ since: from.format('YYYY-MM-DD'), until: to.format('YYYY-MM-DD') })}`,
      );
      const listed: Change[] = (form.getFieldValue('riskAreaChanges') ?? []).filter(Boolean);
      const known = new Set(listed.map(keyOf));
      const added = r.items.filter((c) => !known.has(keyOf(c)));
      form.setFieldValue('riskAreaChanges', [...listed, ...added]);
      const duty: Region[] = (form.getFieldValue('reportDuty') ?? []).filter((x: Region | undefined) => x?.since);
      const dutyFilled = !duty.length && r.reportDuty.length > 0;
      if (dutyFilled) form.setFieldValue('reportDuty', r.reportDuty);
      message.success(
        `已导入风险地区调整 ${added.length} 条${r.items.length > added.length ? `（${r.items.length - added.length} 条已在列表中）` : ''}` +
          (dutyFilled ? `，报备地区 ${r.reportDuty.length} 条` : ''),
      );
      setOpen(false);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导入失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title="导入外地风险地区调整（起始日期范围）"
      content={
        <Space wrap>
          <DatePicker.RangePicker
            value={range ?? [issued().subtract(1, 'day'), issued()]}
            onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : undefined)}
            allowClear={false}
          />
          <Button type="primary" loading={busy} onClick={fill} data-testid="reminder-import-go">
            导入
          </Button>
        </Space>
      }
    >
      <Button icon={<ImportOutlined />} style={{ marginBottom: 8 }} data-testid="reminder-import">
        从外地风险地区导入
      </Button>
    </Popover>
  );
}
