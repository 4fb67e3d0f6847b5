import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../access';
import { api } from '../../api';
import type { PolicyEdition, PolicyEditionList } from '../../contracts';
import { EditionAt } from './edition-at';
import { beijing, EditionCard } from './edition-card';
import { EditionForm } from './edition-form';

/**
 * 防控方案: the policy editions the rules decide by, in the order they took effect with the one in force now
 * marked, and the chosen edition's figures said in words (the one in force at first). The city HQ edits an
 * edition or adds the next one with its effective time.
 */
export function PolicyPage() {
  const write = useCan()('policy.write');
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['policy-editions'], queryFn: () => api.get<PolicyEditionList>('/api/policy/editions') });
  const [open, setOpen] = useState<{ base: PolicyEdition; editing: boolean } | null>(null);
  const [chosen, choose] = useState<number | null>(null);
  const items = list.data?.items ?? [];
  const inForceId = list.data?.inForceId ?? null;
  const current = items.find((e) => e.id === inForceId) ?? items.at(-1);
  const shown = items.find((e) => e.id === chosen) ?? current;
  return (
    <Card
      title="防控方案"
      loading={list.isLoading}
      extra={
        write &&
        current && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen({ base: current, editing: false })}>
            新增版本
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        各时期执行的防控方案版本。风险区域降级、隔离期限、离市条件和健康码均按某一时刻执行的版本判定；过去的决定按当时执行的版本查验。
      </Typography.Paragraph>
      {items.length === 0 && !list.isLoading && <Empty description="尚无防控方案版本" />}
      {items.length > 0 && <EditionAt onFound={(e) => choose(e.id)} />}
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={7}>
          <Timeline
            items={items.map((e) => ({
              key: e.id,
              color: e.id === inForceId ? 'green' : 'gray',
              content: (
                <Button
                  type={e.id === shown?.id ? 'link' : 'text'}
                  onClick={() => choose(e.id)}
                  style={{ height: 'auto', padding: 0, textAlign: 'left', whiteSpace: 'normal' }}
                  aria-pressed={e.id === shown?.id}
                >
                  <span>
                    <span style={{ fontWeight: e.id === shown?.id ? 600 : 400 }}>{e.name}</span>
                    {e.id === inForceId && (
                      <Tag color="green" style={{ marginInlineStart: 8 }}>
                        当前执行
                      </Tag>
                    )}
                    <br />
                    <Typography.Text type="secondary">{beijing(e.effectiveFrom)} 起</Typography.Text>
                  </span>
                </Button>
              ),
            }))}
          />
        </Col>
        <Col xs={24} lg={17}>
          {shown && (
            <EditionCard
              edition={shown}
              inForce={shown.id === inForceId}
              onEdit={write ? () => setOpen({ base: shown, editing: true }) : undefined}
            />
          )}
        </Col>
      </Row>
      {open && (
        <EditionForm
          base={open.base}
          editing={open.editing}
          onClose={() => setOpen(null)}
          onSaved={(e) => {
            setOpen(null);
            choose(e.id);
            void qc.invalidateQueries({ queryKey: ['policy-editions'] });
          }}
        />
      )}
    </Card>
  );
}
