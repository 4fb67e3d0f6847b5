import { Collapse, DatePicker, Form, Input, Select, Space, Switch } from 'antd';
import type { RuleRender } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { LENGTH } from '../../../../src/kit/text';
import type { PositiveDetail } from '../../contracts';
import { KIND_LABELS } from './labels';

/** The account as the API carries it (cases/contract.ts positiveAccount). */
export type Account = NonNullable<PositiveDetail['account']>;

/** The form's flat fields of an account: the days as pickers' values. */
export interface AccountRow {
  notifiedOn?: Dayjs | null;
  arrivalDate?: Dayjs | null;
  from?: string;
  flight?: string;
  port?: string;
  closedLoopTransfer?: boolean;
  noOtherTrajectory?: boolean;
  elsewherePlace?: string;
  elsewhereKind?: 'confirmed' | 'asymptomatic';
  text?: string;
}

const day = (d?: Dayjs | null) => d?.format('YYYY-MM-DD');
const blank = (s?: string) => s?.trim() || undefined;

/** The account the form says, or undefined when nothing of it was filled. */
export function toAccount(row: AccountRow | undefined): Account | undefined {
  if (!row) return undefined;
  const place = blank(row.elsewherePlace);
  const account: Account = {
    notifiedOn: day(row.notifiedOn),
    arrival: row.arrivalDate
      ? { date: day(row.arrivalDate) as string, from: blank(row.from), flight: blank(row.flight), port: blank(row.port) }
      : undefined,
    closedLoopTransfer: !!row.closedLoopTransfer,
    noOtherTrajectory: !!row.noOtherTrajectory,
    contactOfElsewhere: place && row.elsewhereKind ? { place, kind: row.elsewhereKind } : undefined,
    text: blank(row.text),
  };
  const filled = Object.values(account).some((v) => v !== undefined && v !== false);
  return filled ? account : undefined;
}

/** The form's fields of a stored account. */
export function toAccountRow(a: Account | null): AccountRow {
  if (!a) return {};
  return {
    notifiedOn: a.notifiedOn ? dayjs(a.notifiedOn) : null,
    arrivalDate: a.arrival ? dayjs(a.arrival.date) : null,
    from: a.arrival?.from,
    flight: a.arrival?.flight,
    port: a.arrival?.port,
    closedLoopTransfer: a.closedLoopTransfer,
    noOtherTrajectory: a.noOtherTrajectory,
    elsewherePlace: a.contactOfElsewhere?.place,
    elsewhereKind: a.contactOfElsewhere?.kind,
    text: a.text,
  };
}

/** Required when any of `others` (fields of the account) is filled, as the server requires. */
const neededWith =
  (others: (keyof AccountRow)[], message: string): RuleRender =>
  ({ getFieldValue }) => ({
    validator: async (_, value) => {
      if (value || !others.some((o) => blank(getFieldValue(['account', o]) as string | undefined))) return;
      throw new Error(message);
    },
  });

const ARRIVAL = ['from', 'flight', 'port'] as const;

/** The form field of a refused account path (`arrival.date` → `arrivalDate`), under the form's `account`. */
export function accountFieldName(path: (string | number)[]): (string | number)[] {
  const [part, leaf] = path;
  if (part === 'arrival') return ['account', leaf === 'date' || leaf === undefined ? 'arrivalDate' : leaf];
  if (part === 'contactOfElsewhere') return ['account', leaf === 'kind' ? 'elsewhereKind' : 'elsewherePlace'];
  return ['account', ...path];
}

/** 流调信息: the epidemiological account of a case, a collapsible part of a form (field names under `account`). */
export function AccountFields({ open = false }: { open?: boolean }) {
  const field = (n: keyof AccountRow) => ['account', n];
  const fields = (
    <>
      <Form.Item name={field('notifiedOn')} label="接到协查通知日期">
        <DatePicker data-testid="account-notified" />
      </Form.Item>
      <Form.Item label="抵达" extra="入境的填写出发地、航班和口岸；国内抵达的只填日期即可" style={{ marginBottom: 0 }}>
        <Space wrap>
          <Form.Item
            name={field('arrivalDate')}
            dependencies={ARRIVAL.map(field)}
            rules={[neededWith([...ARRIVAL], '请填写抵达日期')]}
          >
            <DatePicker placeholder="抵达日期" />
          </Form.Item>
          <Form.Item name={field('from')}>
            <Input placeholder="出发地 首尔" maxLength={LENGTH.name} />
          </Form.Item>
          <Form.Item name={field('flight')}>
            <Input placeholder="航班 KE5833" maxLength={LENGTH.name} />
          </Form.Item>
          <Form.Item name={field('port')}>
            <Input placeholder="口岸 哈尔滨太平国际机场" maxLength={LENGTH.label} />
          </Form.Item>
        </Space>
      </Form.Item>
      <Form.Item name={field('closedLoopTransfer')} label="抵达后即被手递手转运至集中隔离点" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name={field('noOtherTrajectory')} label="无其他活动轨迹" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item label="外地病例的密切接触者" extra="系大连市确诊病例的密切接触者" style={{ marginBottom: 0 }}>
        <Space wrap>
          <Form.Item name={field('elsewherePlace')}>
            <Input placeholder="城市 大连市" maxLength={LENGTH.name} />
          </Form.Item>
          <Form.Item
            name={field('elsewhereKind')}
            dependencies={[field('elsewherePlace')]}
            rules={[neededWith(['elsewherePlace'], '请选择病例类型')]}
          >
            <Select
              allowClear
              placeholder="病例类型"
              style={{ width: 140 }}
              options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        </Space>
      </Form.Item>
      <Form.Item name={field('text')} label="其他流调情况" extra="按原文印在通报中">
        <Input.TextArea rows={3} maxLength={LENGTH.paragraph} placeholder="其4月6日曾在道里区某农贸市场购物。" />
      </Form.Item>
    </>
  );
  return (
    <Collapse
      defaultActiveKey={open ? ['account'] : []}
      style={{ marginBottom: 24 }}
      items={[{ key: 'account', label: '流调信息', forceRender: true, children: fields }]}
    />
  );
}
