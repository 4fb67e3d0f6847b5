import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { healthCodeZh, leavingZh, loweringZh, termZh, testingZh } from '../../../../src/modules/policy/describe';
import type { Edition, RiskLevel } from '../../../../src/modules/policy/edition';
import { usePhone } from '../../components/phone';
import type { PolicyEdition } from '../../contracts';

/** 2022-06-27T16:00:00.000Z → 2022-06-28 00:00 (Beijing time, as notices say it). */
export const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

const Lines = ({ lines }: { lines: string[] }) =>
  lines.length ? (
    <Space orientation="vertical" size={2}>
      {lines.map((l) => (
        <span key={l}>{l}</span>
      ))}
    </Space>
  ) : (
    <Typography.Text type="secondary">无</Typography.Text>
  );

/**
 * One edition as a reader checks it against the document: each figure said in Chinese (src/modules/policy/describe.ts),
 * the one in force now marked 当前执行, what POLICY.md could not confirm beside it.
 */
export function EditionCard({
  edition: wire,
  inForce,
  onEdit,
}: {
  edition: PolicyEdition;
  inForce: boolean;
  onEdit?: () => void;
}) {
  const phone = usePhone();
  const e = wire as unknown as Edition;
  const tier = (l: RiskLevel) => `${e.levelNames[l]}${e.measures[l] ? `：${e.measures[l]}` : ''}`;
  return (
    <Card
      size={phone ? 'small' : 'medium'}
      data-testid={`edition-${wire.code}`}
      title={
        <Space wrap>
          <span>{wire.name}</span>
          {inForce && <Tag color="green">当前执行</Tag>}
        </Space>
      }
      extra={
        onEdit && (
          <Button icon={<EditOutlined />} onClick={onEdit} aria-label={`编辑${wire.name}`}>
            编辑
          </Button>
        )
      }
      style={{ marginBottom: 16, borderColor: inForce ? '#52c41a' : undefined }}
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        layout={phone ? 'vertical' : 'horizontal'}
        styles={{ label: phone ? undefined : { width: 140 } }}
      >
        <Descriptions.Item label="起效时间">{beijing(wire.effectiveFrom)} 起</Descriptions.Item>
        <Descriptions.Item label="来源">
          {wire.source}（发布日期 {wire.issued}）
        </Descriptions.Item>
        <Descriptions.Item label="风险等级">
          <Lines lines={e.tiers.map(tier)} />
        </Descriptions.Item>
        {e.drawing && <Descriptions.Item label="划定原则">{e.drawing}</Descriptions.Item>}
        <Descriptions.Item label="降级条件">
          <Lines lines={e.lowering.map((s) => loweringZh(e, s))} />
        </Descriptions.Item>
        <Descriptions.Item label="密接">{termZh(e.closeContact)}</Descriptions.Item>
        <Descriptions.Item label="密接的密接">{termZh(e.secondaryContact)}</Descriptions.Item>
        <Descriptions.Item label="入境人员">{termZh(e.inboundTraveller)}</Descriptions.Item>
        <Descriptions.Item label="风险区来返人员">
          <Lines
            lines={(['high', 'medium', 'low'] as const)
              .filter((l) => e.arrivals[l])
              .map((l) => `${e.levelNames[l]}：${termZh(e.arrivals[l])}`)}
          />
        </Descriptions.Item>
        <Descriptions.Item label="区域核酸检测">
          {e.tiers.map((l) => `${e.levelNames[l]}${testingZh(e.areaTestingEveryDays[l])}`).join('；')}
        </Descriptions.Item>
        <Descriptions.Item label="离市条件">{leavingZh(e)}</Descriptions.Item>
        <Descriptions.Item label="健康码">
          <Lines lines={healthCodeZh(e)} />
        </Descriptions.Item>
        {e.notes.length > 0 && (
          <Descriptions.Item label="其他说明">
            <Lines lines={e.notes} />
          </Descriptions.Item>
        )}
      </Descriptions>
      {e.unconfirmed.length > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title="未经核实或为所选值（可编辑）"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {e.unconfirmed.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          }
        />
      )}
    </Card>
  );
}
