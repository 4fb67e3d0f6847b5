import { Card, Col, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../access';
import type { FeedOutcome } from '../../contracts';
import { AddArea } from './area-forms';
import { AreasList } from './areas-list';
import { DutyCheck } from './duty-check';
import { FeedResult, FeedUpload } from './feed-upload';

/**
 * 外地风险地区: other cities' medium- and high-risk areas, imported from their feeds or entered from their
 * notices; who comes back from them must report (报备), and the CDC's urgent reminder names them.
 */
export function ElsewherePage() {
  const write = useCan()('elsewhere.write');
  const [imported, setImported] = useState<FeedOutcome>();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={16}>
        <Card
          title="外地中高风险地区"
          extra={
            write && (
              <Space wrap>
                <FeedUpload onResult={setImported} />
                <AddArea />
              </Space>
            )
          }
        >
          <Typography.Paragraph type="secondary">
            当前（未解除）的外地风险地区。导入其他城市发布的风险地区数据（JSON）时，新数据中不再列出的地区自动解除，等级变化的地区保留历史。
          </Typography.Paragraph>
          {imported && <FeedResult result={imported} onClose={() => setImported(undefined)} />}
          <AreasList write={write} />
        </Card>
      </Col>
      <Col xs={24} xxl={8}>
        <DutyCheck />
      </Col>
    </Row>
  );
}
